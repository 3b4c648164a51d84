package io.stratus.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.function.Supplier;

/** Files that hold a secret of the local stack: readable by the owner only (mode 0600), written atomically. */
public final class SecretFiles {
    private SecretFiles() {
    }

    /** Writes {@code content} to {@code file} with mode 0600, replacing it atomically. */
    public static void write(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(tmp, content);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** The trimmed content of {@code file}; if it is missing or empty, {@code create}'s value, written first. */
    public static String readOrCreate(Path file, Supplier<String> create) {
        try {
            if (Files.exists(file)) {
                String saved = Files.readString(file).trim();
                if (!saved.isEmpty()) {
                    return saved;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        String created = create.get();
        write(file, created + "\n");
        return created;
    }
}
