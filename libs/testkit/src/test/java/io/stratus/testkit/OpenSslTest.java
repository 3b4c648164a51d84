package io.stratus.testkit;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpenSslTest {

    @Test
    void verifyChainAcceptsARealChainAndRejectsAWrongRoot(@TempDir Path dir) {
        String d = dir.toString();
        OpenSsl.run("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", d + "/root.key", "-out", d + "/root.pem",
                "-subj", "/CN=Root", "-days", "2", "-addext", "basicConstraints=critical,CA:TRUE",
                "-addext", "keyUsage=critical,keyCertSign,cRLSign");
        OpenSsl.run("req", "-newkey", "rsa:2048", "-nodes", "-keyout", d + "/ica.key", "-out", d + "/ica.csr",
                "-subj", "/CN=Issuing");
        OpenSsl.run("x509", "-req", "-in", d + "/ica.csr", "-CA", d + "/root.pem", "-CAkey", d + "/root.key",
                "-CAcreateserial", "-out", d + "/ica.pem", "-days", "2", "-extfile", ext(dir, "ca.ext",
                        "basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\n"));
        OpenSsl.run("req", "-newkey", "rsa:2048", "-nodes", "-keyout", d + "/leaf.key", "-out", d + "/leaf.csr",
                "-subj", "/CN=device-1");
        OpenSsl.run("x509", "-req", "-in", d + "/leaf.csr", "-CA", d + "/ica.pem", "-CAkey", d + "/ica.key",
                "-CAcreateserial", "-out", d + "/leaf.pem", "-days", "1");

        OpenSsl.verifyChain(dir.resolve("root.pem"), dir.resolve("ica.pem"), dir.resolve("leaf.pem"));
        AssertionError e = assertThrows(AssertionError.class,
                () -> OpenSsl.verifyChain(dir.resolve("ica.pem"), dir.resolve("root.pem"), dir.resolve("leaf.pem")));
        assertTrue(e.getMessage().contains("leaf.pem"), e.getMessage());
    }

    private static String ext(Path dir, String name, String text) {
        try {
            return Files.writeString(dir.resolve(name), text).toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
