package io.stratus.cli;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code stratus device ...}: the device inventory of profile-service (docs/profiles.md). */
@Command(name = "device", mixinStandardHelpOptions = true,
        description = "Register, list, show, edit, delete and import devices, and show a device's report (profile-service).",
        subcommands = {DeviceCommand.Register.class, DeviceCommand.ListDevices.class, DeviceCommand.Show.class, DeviceCommand.Update.class,
                DeviceCommand.Delete.class, DeviceCommand.Report.class, DeviceCommand.Import.class})
final class DeviceCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    enum Platform { WINDOWS, MACOS, IOS, ANDROID }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    @Command(name = "register", mixinStandardHelpOptions = true, description = "Register one device.")
    static final class Register extends ProfileVerb {
        @Option(names = "--id", paramLabel = "ID", description = "The device id (default: the service makes a UUID).")
        String id;
        @Option(names = "--name", required = true, paramLabel = "NAME", description = "Device name ({{DeviceName}}).")
        String name;
        @Option(names = "--platform", required = true, paramLabel = "P", description = "${COMPLETION-CANDIDATES}.")
        Platform platform;
        @Option(names = "--serial", paramLabel = "S", description = "Serial number ({{SerialNumber}}).")
        String serial;
        @Option(names = "--imei", paramLabel = "IMEI", description = "IMEI, 14 to 16 digits ({{IMEI}}).")
        String imei;
        @Option(names = "--wifi-mac", paramLabel = "MAC", description = "Wi-Fi MAC address, six hex octets ({{WiFiMacAddress}}).")
        String wifiMac;
        @Option(names = "--primary-user", paramLabel = "ID", description = "The id of the device's primary user.")
        String primaryUser;
        @Option(names = "--identity-key", paramLabel = "PEMFILE",
                description = "The device's identity public key (PEM PUBLIC KEY, a certificate, or DER SubjectPublicKeyInfo);"
                        + " challenges are sealed to it. RSA 2048/3072/4096 or EC P-256/P-384.")
        Path identityKey;

        @Override
        public Integer call() {
            return answer(client().registerDevice(body()), d -> "Registered device " + Formats.text(d, "name") + " ("
                    + Formats.text(d, "id") + "), " + Formats.text(d, "platform") + "\n");
        }

        Map<String, Object> body() {
            Map<String, Object> b = new LinkedHashMap<>();
            putIf(b, "id", id);
            b.put("name", name);
            b.put("platform", platform.name());
            putIf(b, "serialNumber", serial);
            putIf(b, "imei", imei);
            putIf(b, "wifiMacAddress", wifiMac);
            putIf(b, "primaryUserId", primaryUser);
            if (identityKey != null) {
                b.put("identityPublicKey", spki(identityKey));
            }
            return b;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show one device.")
    static final class Show extends ProfileVerb {
        @Parameters(index = "0", paramLabel = "ID", description = "The device's id.")
        String id;

        @Override
        public Integer call() {
            return answer(client().device(id), ProfileFormats::device);
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the devices of the tenant, in id order.")
    static final class ListDevices extends ProfileVerb {
        @Mixin
        PageOptions page;

        @Override
        public Integer call() {
            int limit = page.limit();
            return answer(client().devices(limit, page.offset()), list -> ProfileFormats.devices(list) + page.more(list.size()));
        }
    }

    @Command(name = "update", mixinStandardHelpOptions = true,
            description = "Edit a device: only the options given change; an empty value (--serial \"\") clears an optional field."
                    + " Devices whose certificates use a changed attribute get them again.")
    static final class Update extends ProfileVerb {
        @Parameters(index = "0", paramLabel = "ID", description = "The device's id.")
        String id;
        @Option(names = "--name", paramLabel = "NAME", description = "Device name ({{DeviceName}}).")
        String name;
        @Option(names = "--serial", paramLabel = "S", description = "Serial number ({{SerialNumber}}); \"\" clears it.")
        String serial;
        @Option(names = "--imei", paramLabel = "IMEI", description = "IMEI, 14 to 16 digits ({{IMEI}}); \"\" clears it.")
        String imei;
        @Option(names = "--wifi-mac", paramLabel = "MAC", description = "Wi-Fi MAC address ({{WiFiMacAddress}}); \"\" clears it.")
        String wifiMac;
        @Option(names = "--primary-user", paramLabel = "ID", description = "The id of the primary user; \"\" clears it.")
        String primaryUser;

        @Override
        public Integer call() {
            return answer(client().patchDevice(id, changes()), d -> "Updated device " + Formats.text(d, "name") + " ("
                    + Formats.text(d, "id") + ")\n");
        }

        /** The merge patch: the given options only. */
        Map<String, Object> changes() {
            Map<String, Object> b = new LinkedHashMap<>();
            if (name != null) {
                b.put("name", name);
            }
            putPatch(b, "serialNumber", serial);
            putPatch(b, "imei", imei);
            putPatch(b, "wifiMacAddress", wifiMac);
            putPatch(b, "primaryUserId", primaryUser);
            if (b.isEmpty()) {
                throw usage("give at least one of --name, --serial, --imei, --wifi-mac, --primary-user");
            }
            return b;
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true,
            description = "Delete a device: it is told to remove every profile it received; its memberships and report rows go with it.")
    static final class Delete extends ProfileVerb {
        @Parameters(index = "0", paramLabel = "ID", description = "The device's id.")
        String id;

        @Override
        public Integer call() {
            return answer(client().deleteDevice(id), r -> ProfileFormats.inventoryDeleted("device", r));
        }
    }

    @Command(name = "report", mixinStandardHelpOptions = true,
            description = "Every profile assigned to the device: its status, certificate serial and expiry, and why it failed.")
    static final class Report extends ProfileVerb {
        @Parameters(index = "0", paramLabel = "ID", description = "The device's id.")
        String id;

        @Override
        public Integer call() {
            return answer(client().deviceReport(id), ProfileFormats::deviceReport);
        }
    }

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = "Import devices from a CSV file (with a header row) or a JSON array, by the file's extension (.csv, .json).")
    static final class Import extends ProfileVerb {
        @Parameters(index = "0", paramLabel = "FILE", description = "devices.csv or devices.json.")
        Path file;

        @Override
        public Integer call() {
            String type = importType(file);
            return answer(client().importDevices(type, read(file)), r -> ProfileFormats.imported("device", r));
        }
    }

    /** The Content-Type of an import file, by its extension. */
    static String importType(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".csv")) {
            return "text/csv";
        }
        if (name.endsWith(".json")) {
            return "application/json";
        }
        throw new IllegalArgumentException(file + ": an import file must end in .csv or .json");
    }

    /**
     * A public key file as {@code identityPublicKey} takes it: base64 DER SubjectPublicKeyInfo. Takes a PEM
     * {@code PUBLIC KEY}, a PEM or DER certificate (its key), or DER SubjectPublicKeyInfo; refuses private keys.
     */
    static String spki(Path file) {
        byte[] bytes = ProfileVerb.read(file);
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        byte[] der;
        if (text.contains("PRIVATE KEY-----")) {
            throw new IllegalArgumentException(file + " holds a private key; give the public key"
                    + " (openssl pkey -in " + file.getFileName() + " -pubout -out public.pem)");
        }
        if (text.contains("-----BEGIN CERTIFICATE-----")) {
            der = certificateKey(bytes, file);
        } else if (text.contains("-----BEGIN PUBLIC KEY-----")) {
            String b64 = text.substring(text.indexOf("-----BEGIN PUBLIC KEY-----") + 26);
            int end = b64.indexOf("-----END PUBLIC KEY-----");
            if (end < 0) {
                throw new IllegalArgumentException(file + ": no -----END PUBLIC KEY----- line");
            }
            try {
                der = Base64.getMimeDecoder().decode(b64.substring(0, end).trim());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(file + ": the PUBLIC KEY is not base64: " + e.getMessage());
            }
        } else if (text.contains("-----BEGIN ")) {
            throw new IllegalArgumentException(file + ": expected a PEM PUBLIC KEY or CERTIFICATE");
        } else {
            der = isSpki(bytes) ? bytes : certificateKey(bytes, file);
        }
        if (!isSpki(der)) {
            throw new IllegalArgumentException(file + ": not an RSA or EC public key (SubjectPublicKeyInfo)");
        }
        return Base64.getEncoder().encodeToString(der);
    }

    private static byte[] certificateKey(byte[] bytes, Path file) {
        try {
            X509Certificate c = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(bytes));
            return c.getPublicKey().getEncoded();
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new IllegalArgumentException(file + ": neither a public key nor a certificate");
        }
    }

    private static boolean isSpki(byte[] der) {
        for (String alg : new String[] {"RSA", "EC"}) {
            try {
                KeyFactory.getInstance(alg).generatePublic(new X509EncodedKeySpec(der));
                return true;
            } catch (GeneralSecurityException | RuntimeException ignored) {
                // try the next
            }
        }
        return false;
    }
}
