package io.stratus.ca.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** Temporary files for OpenSSL. */
public final class TempFiles {

    private TempFiles() {
    }

    public static Path write(String prefix, String suffix, String text) {
        try {
            Path file = java.nio.file.Files.createTempFile(prefix, suffix);
            file.toFile().deleteOnExit();
            java.nio.file.Files.writeString(file, text);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Path write(String prefix, String suffix, byte[] bytes) {
        try {
            Path file = java.nio.file.Files.createTempFile(prefix, suffix);
            file.toFile().deleteOnExit();
            java.nio.file.Files.write(file, bytes);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
