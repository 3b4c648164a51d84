package io.stratus.simulator.repository;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

import io.stratus.simulator.config.SimulatorConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The simulator's state directory ({@code stratus.simulator.state-dir}): created owner-only, and
 * written file by file atomically (a temporary file in the same directory, then a rename), so a
 * process killed mid-write leaves the old file or the new one, never a torn one.
 */
@ApplicationScoped
public class StateDirectory {

    static final String TEMP_SUFFIX = ".tmp";
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private final Path root;

    @Inject
    public StateDirectory(SimulatorConfig config) {
        this(Path.of(config.stateDir()));
    }

    public StateDirectory(Path root) {
        this.root = root.toAbsolutePath();
    }

    public Path root() {
        return root;
    }

    /** A sub-directory (created owner-only when missing). */
    public Path directory(String name) {
        Path dir = root.resolve(name);
        try {
            createOwnerOnly(root);
            createOwnerOnly(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the state directory " + dir, e);
        }
        return dir;
    }

    /** Replaces {@code target} with {@code content}, atomically, readable and writable by the owner only. */
    public static void writeAtomically(Path target, String content) throws IOException {
        Path temp = Files.createTempFile(target.getParent(), target.getFileName().toString() + ".", TEMP_SUFFIX);
        try {
            if (POSIX) {
                Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
            }
            Files.writeString(temp, content, StandardCharsets.UTF_8);
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static void createOwnerOnly(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        Files.createDirectories(dir);
        if (POSIX) {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        }
    }
}
