package io.stratus.enrollment.fuzz;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Seeded byte-level mutations of DER messages: bit flips, random bytes, truncation, deletion,
 * duplication, splices of two messages and random ASN.1 TLVs inserted. Deterministic for a seed.
 */
final class Mutator {

    private final Random random;

    Mutator(long seed) {
        this.random = new Random(seed);
    }

    Random random() {
        return random;
    }

    byte[] mutate(byte[] input, List<byte[]> others) {
        byte[] out = input;
        int rounds = 1 + random.nextInt(4);
        for (int i = 0; i < rounds; i++) {
            out = once(out, others.get(random.nextInt(others.size())));
        }
        return out;
    }

    private byte[] once(byte[] in, byte[] other) {
        if (in.length == 0) {
            return randomTlv();
        }
        switch (random.nextInt(7)) {
            case 0: {
                byte[] out = in.clone();
                int bit = random.nextInt(out.length * 8);
                out[bit / 8] ^= (byte) (1 << (bit % 8));
                return out;
            }
            case 1: {
                byte[] out = in.clone();
                out[random.nextInt(out.length)] = (byte) random.nextInt(256);
                return out;
            }
            case 2:
                return Arrays.copyOf(in, random.nextInt(in.length));
            case 3: {
                int from = random.nextInt(in.length);
                int to = Math.min(in.length, from + 1 + random.nextInt(64));
                return concat(Arrays.copyOfRange(in, 0, from), Arrays.copyOfRange(in, to, in.length));
            }
            case 4: {
                int from = random.nextInt(in.length);
                int to = Math.min(in.length, from + 1 + random.nextInt(64));
                byte[] range = Arrays.copyOfRange(in, from, to);
                return concat(Arrays.copyOfRange(in, 0, to), concat(range, Arrays.copyOfRange(in, to, in.length)));
            }
            case 5: {
                int cut = random.nextInt(in.length);
                int otherCut = other.length == 0 ? 0 : random.nextInt(other.length);
                return concat(Arrays.copyOfRange(in, 0, cut), Arrays.copyOfRange(other, otherCut, other.length));
            }
            default: {
                int at = random.nextInt(in.length);
                return concat(Arrays.copyOfRange(in, 0, at), concat(randomTlv(), Arrays.copyOfRange(in, at, in.length)));
            }
        }
    }

    /** A random ASN.1 TLV: a common tag, a (sometimes lying) length, random content. */
    byte[] randomTlv() {
        int[] tags = {0x02, 0x03, 0x04, 0x05, 0x06, 0x0c, 0x13, 0x17, 0x30, 0x31, 0xa0, 0xa1, 0x80};
        int length = random.nextInt(40);
        byte[] content = new byte[length];
        random.nextBytes(content);
        int declared = random.nextInt(10) == 0 ? random.nextInt(256) : length;
        byte[] out = new byte[2 + length];
        out[0] = (byte) tags[random.nextInt(tags.length)];
        out[1] = (byte) Math.min(declared, 127);
        System.arraycopy(content, 0, out, 2, length);
        return out;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
