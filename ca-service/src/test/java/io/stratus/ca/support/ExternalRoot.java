package io.stratus.ca.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import io.stratus.testkit.OpenSsl;

/** An external root run by OpenSSL (key and self-signed certificate in a temp directory) that signs CSRs of BYO CAs. */
public record ExternalRoot(Path dir, Path key, Path certificate) {

    /** Extensions of an issuing CA certificate restricted to clientAuth. */
    public static final String CA_EXTENSIONS = "basicConstraints=critical,CA:true,pathlen:0\n"
            + "keyUsage=critical,keyCertSign,cRLSign\nextendedKeyUsage=clientAuth\n"
            + "subjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n";

    public static ExternalRoot create(String name) throws IOException {
        Path dir = Files.createTempDirectory("extroot");
        Path key = dir.resolve("root.key");
        Path certificate = dir.resolve("root.pem");
        OpenSsl.run("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key.toString(), "-out",
                certificate.toString(), "-subj", "/CN=" + name + "/O=Fabrikam", "-days", "3650",
                "-addext", "basicConstraints=critical,CA:true", "-addext", "keyUsage=critical,keyCertSign,cRLSign");
        return new ExternalRoot(dir, key, certificate);
    }

    /** Signs a CSR with these extensions; returns the PEM certificate. */
    public String sign(String csrPem, String extensions, int days) throws IOException {
        return sign(csrPem, extensions, days, null);
    }

    /** Like {@link #sign(String, String, int)}, with {@code subject} (OpenSSL form) in place of the CSR's own. */
    public String sign(String csrPem, String extensions, int days, String subject) throws IOException {
        Path csr = TempFiles.write("ext", ".csr", csrPem);
        Path ext = TempFiles.write("ext", ".cnf", extensions);
        Path out = dir.resolve(UUID.randomUUID() + ".pem");
        String serial = "0x" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        if (subject == null) {
            OpenSsl.run("x509", "-req", "-in", csr.toString(), "-CA", certificate.toString(), "-CAkey",
                    key.toString(), "-set_serial", serial, "-days", String.valueOf(days), "-extfile", ext.toString(),
                    "-out", out.toString());
        } else {
            OpenSsl.run("x509", "-req", "-in", csr.toString(), "-CA", certificate.toString(), "-CAkey",
                    key.toString(), "-set_serial", serial, "-days", String.valueOf(days), "-extfile", ext.toString(),
                    "-subj", subject, "-out", out.toString());
        }
        return Files.readString(out);
    }

    public String pem() throws IOException {
        return Files.readString(certificate);
    }
}
