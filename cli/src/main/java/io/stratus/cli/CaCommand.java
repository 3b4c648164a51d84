package io.stratus.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code stratus ca ...}: the CAs of a tenant (docs/ca.md). */
@Command(name = "ca", mixinStandardHelpOptions = true, description = "Manage certification authorities (ca-service).",
        subcommands = {CaCommand.CreateRoot.class, CaCommand.CreateIssuing.class, CaCommand.ListCas.class, CaCommand.Show.class,
                CaCommand.Download.class, CaCommand.Csr.class, CaCommand.Upload.class, CaCommand.Pause.class, CaCommand.Resume.class,
                CaCommand.Renew.class, CaCommand.ActivateRenewal.class, CaCommand.Revoke.class, CaCommand.Delete.class})
final class CaCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    enum KeyAlgorithm { RSA_2048, RSA_3072, RSA_4096, EC_P256, EC_P384 }

    enum Format { der, pem, p7b }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    /** Options shared by create-root and create-issuing. */
    abstract static class Create extends AdminVerb {
        @Option(names = "--name", required = true, paramLabel = "NAME", description = "Display name.")
        String name;
        @Option(names = "--cn", required = true, paramLabel = "CN", description = "Subject common name.")
        String cn;
        @Option(names = "--o", paramLabel = "O", description = "Subject organization.")
        String o;
        @Option(names = "--ou", paramLabel = "OU", description = "Subject organizational unit.")
        String ou;
        @Option(names = "--l", paramLabel = "L", description = "Subject locality.")
        String l;
        @Option(names = "--st", paramLabel = "ST", description = "Subject state or province.")
        String st;
        @Option(names = "--c", paramLabel = "C", description = "Subject country (two letters).")
        String c;
        @Option(names = "--key", paramLabel = "ALG", defaultValue = "RSA_2048",
                description = "Key algorithm: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}).")
        KeyAlgorithm key;
        @Option(names = "--eku", paramLabel = "EKU", split = ",",
                description = "Extended key usages: CLIENT_AUTH, SERVER_AUTH, CODE_SIGNING, EMAIL_PROTECTION, IPSEC_IKE, TIME_STAMPING,"
                        + " OCSP_SIGNING, SMART_CARD_LOGON, DOCUMENT_SIGNING or dotted OIDs, comma-separated (default CLIENT_AUTH).")
        List<String> eku;

        Map<String, Object> body(String kind, String parentId, Integer years, boolean external) {
            if (years != null && years < 1) {
                throw new IllegalArgumentException("--years must be at least 1");
            }
            Map<String, Object> subject = new LinkedHashMap<>();
            subject.put("commonName", cn);
            putIf(subject, "organization", o);
            putIf(subject, "organizationalUnit", ou);
            putIf(subject, "locality", l);
            putIf(subject, "state", st);
            putIf(subject, "country", c);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("displayName", name);
            body.put("kind", kind);
            if (parentId != null) {
                body.put("parentId", parentId);
            }
            body.put("subject", subject);
            if (years != null) {
                body.put("validityYears", years);
            }
            body.put("keyAlgorithm", key.name());
            List<String> ekus = Formats.Ekus.parse(eku == null ? List.of() : eku);
            body.put("extendedKeyUsages", ekus.isEmpty() ? List.of("CLIENT_AUTH") : ekus);
            if (external) {
                body.put("external", true);
            }
            return body;
        }

        Integer create(Map<String, Object> body) {
            AdminClient.Answer a = client().createAuthority(body);
            if (json) {
                printJson(a);
            } else {
                var ca = a.json();
                print("Created " + Formats.text(ca, "kind") + " CA " + Formats.text(ca, "displayName") + " (" + Formats.text(ca, "id")
                        + "), status " + Formats.text(ca, "status") + "\n");
            }
            return 0;
        }

        private static void putIf(Map<String, Object> m, String k, String v) {
            if (v != null && !v.isBlank()) {
                m.put(k, v);
            }
        }
    }

    @Command(name = "create-root", mixinStandardHelpOptions = true, description = "Create a root CA.")
    static final class CreateRoot extends Create {
        @Option(names = "--years", defaultValue = "20", paramLabel = "N", description = "Validity in years (default ${DEFAULT-VALUE}).")
        int years;

        @Override
        public Integer call() {
            return create(body("ROOT", null, years, false));
        }
    }

    @Command(name = "create-issuing", mixinStandardHelpOptions = true,
            description = "Create an issuing CA under a root of the tenant (--parent), or an external one (--external) that"
                    + " waits in SIGNING_REQUIRED until its certificate, signed by your root, is uploaded (ca csr, ca upload).")
    static final class CreateIssuing extends Create {
        @Option(names = "--parent", paramLabel = "ID", description = "The root CA that signs it.")
        String parent;
        @Option(names = "--external", description = "Bring your own CA: signed by a root outside Stratus (no --parent, no --years).")
        boolean external;
        @Option(names = "--years", paramLabel = "N", description = "Validity in years: 2, 4, 6, 8 or 10 (default 10).")
        Integer years;

        @Override
        public Integer call() {
            return create(request());
        }

        Map<String, Object> request() {
            if (external) {
                if (parent != null || years != null) {
                    throw new IllegalArgumentException("--external takes neither --parent nor --years: your root decides the validity");
                }
                return body("ISSUING", null, null, true);
            }
            if (parent == null || parent.isBlank()) {
                throw new IllegalArgumentException("--parent ID is required (or --external for a CA signed by your own root)");
            }
            return body("ISSUING", parent, years == null ? 10 : years, false);
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the CAs of the tenant.")
    static final class ListCas extends AdminVerb {
        @Override
        public Integer call() {
            AdminClient.Answer a = client().authorities();
            if (json) {
                printJson(a);
            } else {
                print(Formats.authorities(a.json()));
            }
            return 0;
        }
    }

    /** A verb on one CA. */
    abstract static class OneCa extends AdminVerb {
        @Parameters(index = "0", paramLabel = "ID", description = "The CA's id.")
        String id;

        Integer printCa(AdminClient.Answer a) {
            if (json) {
                printJson(a);
            } else {
                print(Formats.authority(a.json()));
            }
            return 0;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show one CA.")
    static final class Show extends OneCa {
        @Override
        public Integer call() {
            return printCa(client().authority(id));
        }
    }

    @Command(name = "download", mixinStandardHelpOptions = true,
            description = "Download a CA certificate: der (.cer), pem, or p7b (the chain up to the root, certs-only PKCS#7, DER).")
    static final class Download extends OneCa {
        @Option(names = "--format", defaultValue = "pem", paramLabel = "FORMAT",
                description = "${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}).")
        Format format;
        @Option(names = "--out", paramLabel = "FILE", description = "Where to write it (default: the name the server suggests, here).")
        Path out;

        @Override
        public Integer call() {
            AdminClient.Answer a = client().download(id, format.name());
            Path file = out != null ? out : Path.of(a.fileName().orElse(id + "." + (format == Format.der ? "cer" : format.name())));
            write(file, a.body());
            print("Wrote " + file + " (" + a.body().length + " bytes)\n");
            return 0;
        }
    }

    @Command(name = "csr", mixinStandardHelpOptions = true,
            description = "Download the PKCS#10 request (PEM) of an external CA, for your root to sign.")
    static final class Csr extends OneCa {
        @Option(names = "--out", paramLabel = "FILE", description = "Where to write it (default: print it).")
        Path out;
        @Option(names = "--renewal", description = "The request of the CA's renewal waiting for its signature (after `ca renew`).")
        boolean renewal;

        @Override
        public Integer call() {
            AdminClient.Answer a = client().csr(id, renewal);
            if (out == null) {
                print(a.text().endsWith("\n") ? a.text() : a.text() + "\n");
            } else {
                write(out, a.body());
                print("Wrote " + out + " (" + a.body().length + " bytes)\n");
            }
            return 0;
        }
    }

    @Command(name = "upload", mixinStandardHelpOptions = true,
            description = "Upload the certificate of an external CA, signed by your root, and the chain up to that root."
                    + " Files may be PEM, DER, or (for the chain) a .p7b.")
    static final class Upload extends OneCa {
        @Option(names = "--cert", required = true, paramLabel = "FILE", description = "The CA's certificate.")
        Path cert;
        @Option(names = "--chain", required = true, paramLabel = "FILE", description = "The issuers' certificates, up to the root.")
        Path chain;
        @Option(names = "--renewal", description = "The renewed certificate of the CA's renewal waiting for its signature.")
        boolean renewal;

        @Override
        public Integer call() {
            return printCa(client().upload(id, fileForUpload(cert), fileForUpload(chain), renewal));
        }
    }

    @Command(name = "pause", mixinStandardHelpOptions = true, description = "Pause an ACTIVE CA: it issues nothing until resumed.")
    static final class Pause extends OneCa {
        @Override
        public Integer call() {
            return printCa(client().lifecycle(id, "pause"));
        }
    }

    @Command(name = "resume", mixinStandardHelpOptions = true, description = "Resume a PAUSED CA.")
    static final class Resume extends OneCa {
        @Override
        public Integer call() {
            return printCa(client().lifecycle(id, "resume"));
        }
    }

    @Command(name = "renew", mixinStandardHelpOptions = true,
            description = "Renew a CA in place: a new certificate under the same id, with the same key or a new one. The old"
                    + " certificates stay valid for what they signed.")
    static final class Renew extends OneCa {
        @Option(names = "--new-key", description = "Generate a new key pair (default: keep the key).")
        boolean newKey;
        @Option(names = "--years", paramLabel = "N", description = "Validity in years (default: as at creation; never past the parent).")
        Integer years;
        @Option(names = "--announce-only", description = "Only announce the next certificate (SCEP GetNextCACert serves it);"
                + " activate it later with `stratus ca activate-renewal`.")
        boolean announceOnly;

        @Override
        public Integer call() {
            if (years != null && years < 1) {
                throw new IllegalArgumentException("--years must be at least 1");
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("newKey", newKey);
            if (years != null) {
                body.put("validityYears", years);
            }
            body.put("activate", !announceOnly);
            return printCa(client().renewAuthority(id, body));
        }
    }

    @Command(name = "activate-renewal", mixinStandardHelpOptions = true,
            description = "Make an announced renewal current: the CA signs with its new certificate from now on.")
    static final class ActivateRenewal extends OneCa {
        @Override
        public Integer call() {
            return printCa(client().activateRenewal(id));
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true,
            description = "Revoke a PAUSED CA whose certificates (or issuing CAs) are all revoked; it goes onto its root's CRL.")
    static final class Revoke extends OneCa {
        @Option(names = "--reason", paramLabel = "R", description = "RFC 5280 reason, e.g. cessationOfOperation (the default), keyCompromise.")
        String reason;

        @Override
        public Integer call() {
            return printCa(client().revokeAuthority(id, reason));
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true,
            description = "Delete a revoked issuing CA (or one still SIGNING_REQUIRED), or a paused root without issuing CAs.")
    static final class Delete extends OneCa {
        @Override
        public Integer call() {
            client().deleteAuthority(id);
            if (json) {
                out().println("{\"deleted\":\"" + id.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}");
                out().flush();
            } else {
                print("Deleted CA " + id + "\n");
            }
            return 0;
        }
    }

    /** A file as the upload takes it: PEM as text, anything else (DER, .p7b) as base64. */
    static String fileForUpload(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage());
        }
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        if (text.contains("-----BEGIN ")) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        return Base64.getEncoder().encodeToString(bytes);
    }

    static void write(Path file, byte[] bytes) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new StackException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
