package io.stratus.cli;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The ca-service admin API as the {@code ca}, {@code cert} and {@code audit} verbs use it (docs/ca.md). Every call
 * returns the raw answer, so that {@code --json} can print exactly what the API said.
 */
final class AdminClient {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    /** A problem+json (or other non-2xx) answer: printed as {@code stratus: <status> <title>: <detail>}, exit code 2. */
    static final class ProblemException extends RuntimeException {
        private final int status;
        private final String title;
        private final String detail;

        ProblemException(int status, String title, String detail) {
            super(status + " " + title + (detail == null || detail.isBlank() ? "" : ": " + detail));
            this.status = status;
            this.title = title;
            this.detail = detail;
        }

        int status() {
            return status;
        }

        String title() {
            return title;
        }

        String detail() {
            return detail;
        }

        /** From an error answer: the problem's title and detail, else the reason phrase and the body. */
        static ProblemException of(int status, String body) {
            String title = reasonPhrase(status);
            String detail = abbreviate(body);
            try {
                JsonNode p = body == null || body.isBlank() ? null : Json.MAPPER.readTree(body);
                if (p != null && p.isObject() && (p.has("title") || p.has("detail"))) {
                    title = p.hasNonNull("title") ? p.get("title").asText() : title;
                    detail = p.hasNonNull("detail") ? p.get("detail").asText() : "";
                }
            } catch (JsonProcessingException | IllegalArgumentException ignored) {
                // not JSON: keep the body as the detail
            }
            return new ProblemException(status, title, detail);
        }
    }

    /** The service does not answer at all: printed with a hint to start the stack, exit code 3. */
    static final class UnreachableException extends RuntimeException {
        UnreachableException(String message) {
            super(message);
        }
    }

    /** A 2xx answer; {@code nextCursor}: the {@code Stratus-Next-Cursor} header of a CSV page. */
    record Answer(int status, byte[] body, String contentType, Optional<String> fileName, Optional<String> nextCursor) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        JsonNode json() {
            try {
                return body.length == 0 ? Json.MAPPER.createObjectNode() : Json.MAPPER.readTree(body);
            } catch (IOException e) {
                throw new StackException("the answer is not JSON: " + abbreviate(text()));
            }
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private final String token;
    private final String tenant;
    private final String service;

    AdminClient(String baseUrl, String token, String tenant) {
        this("ca-service", baseUrl, token, tenant);
    }

    /** A client of {@code service} (named in the "cannot reach" message and the log hint). */
    AdminClient(String service, String baseUrl, String token, String tenant) {
        this.service = service;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.token = token;
        this.tenant = tenant;
    }

    String baseUrl() {
        return baseUrl;
    }

    // CAs

    Answer authorities() {
        return get(api("/authorities"));
    }

    Answer authority(String id) {
        return get(api("/authorities/" + enc(id)));
    }

    Answer createAuthority(Map<String, Object> body) {
        return post(api("/authorities"), body);
    }

    Answer download(String id, String format) {
        return send(request(api("/authorities/" + enc(id) + "/certificate?format=" + enc(format))).setHeader("Accept", "*/*").GET());
    }

    Answer csr(String id, boolean renewal) {
        String path = renewal ? "/renewal/csr" : "/csr";
        return send(request(api("/authorities/" + enc(id) + path)).setHeader("Accept", "*/*").GET());
    }

    Answer upload(String id, String certificate, String chain, boolean renewal) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("certificate", certificate);
        body.put("chain", chain);
        return post(api("/authorities/" + enc(id) + (renewal ? "/renewal/upload" : "/certificate")), body);
    }

    Answer lifecycle(String id, String operation) {
        return post(api("/authorities/" + enc(id) + "/" + operation), null);
    }

    Answer revokeAuthority(String id, String reason) {
        return post(api("/authorities/" + enc(id) + "/revoke"), reason == null ? Map.of() : Map.of("reason", reason));
    }

    Answer renewAuthority(String id, Map<String, Object> body) {
        return post(api("/authorities/" + enc(id) + "/renew"), body);
    }

    Answer activateRenewal(String id) {
        return post(api("/authorities/" + enc(id) + "/renewal/activate"), null);
    }

    Answer deleteAuthority(String id) {
        return send(request(api("/authorities/" + enc(id))).DELETE());
    }

    // certificates

    /** A page of the inventory search: {@code filters} are its query parameters (null values left out). */
    Answer certificates(Map<String, String> filters, String after, int limit) {
        return get(api(certificateSearch(filters, after, limit)));
    }

    /** The same page as CSV (its header line first), the next page's cursor in {@link Answer#nextCursor()}. */
    Answer certificatesCsv(Map<String, String> filters, String after, int limit) {
        return send(request(api(certificateSearch(filters, after, limit))).setHeader("Accept", "text/csv").GET());
    }

    private static String certificateSearch(Map<String, String> filters, String after, int limit) {
        StringBuilder q = new StringBuilder("/certificates?limit=").append(limit);
        filters.forEach((name, value) -> param(q, name, value));
        param(q, "after", after);
        return q.toString();
    }

    Answer certificate(String serial, String authorityId) {
        StringBuilder q = new StringBuilder("/certificates/" + enc(serial) + "?");
        param(q, "authorityId", authorityId);
        return get(api(q.toString().replaceAll("[?&]$", "")));
    }

    Answer revokeCertificate(String serial, String reason, String authorityId) {
        StringBuilder q = new StringBuilder("/certificates/" + enc(serial) + "/revoke?");
        param(q, "authorityId", authorityId);
        return post(api(q.toString().replaceAll("[?&]$", "")), reason == null ? Map.of() : Map.of("reason", reason));
    }

    /** Revokes every unexpired certificate of the tenant that these filters (null: any) name. */
    Answer revokeCertificates(String deviceId, String profileId, String authorityId, String reason) {
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("deviceId", deviceId);
        body.put("profileId", profileId);
        body.put("authorityId", authorityId);
        body.put("reason", reason);
        return post(api("/certificates/revoke"), body);
    }

    // audit

    Answer audit(long after, int limit) {
        return get(api("/audit?after=" + after + "&limit=" + limit));
    }

    /** One call of the chain's verification, continuing after the sequence {@code after} (null: from the start). */
    Answer verifyAudit(Long after) {
        return post(api("/audit/verify" + (after == null ? "" : "?after=" + after)), null);
    }

    // plumbing

    static void param(StringBuilder q, String name, String value) {
        if (value != null && !value.isBlank()) {
            char last = q.charAt(q.length() - 1);
            if (last != '?' && last != '&') {
                q.append('&');
            }
            q.append(name).append('=').append(enc(value));
        }
    }

    String api(String path) {
        return baseUrl + "/api/v1/tenants/" + enc(tenant) + path;
    }

    Answer get(String url) {
        return send(request(url).GET());
    }

    Answer post(String url, Object body) {
        HttpRequest.Builder b = request(url);
        if (body == null) {
            return send(b.POST(HttpRequest.BodyPublishers.noBody()));
        }
        return send(b.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(toJson(body))));
    }

    /** POST of a body as it is (a CSV or JSON file). */
    Answer post(String url, String contentType, byte[] body) {
        return send(request(url).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    Answer put(String url, Object body) {
        return send(request(url).header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(toJson(body))));
    }

    /**
     * PATCH with a JSON merge patch (RFC 7396): only the fields of {@code body} change, a null value clears one. Sent as
     * {@code application/json}, which profile-service takes for merge patches (and its tests cover).
     */
    Answer patch(String url, Map<String, Object> body) {
        return send(request(url).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(toJson(body))));
    }

    Answer delete(String url) {
        return send(request(url).DELETE());
    }

    private static String toJson(Object body) {
        try {
            return Json.MAPPER.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpRequest.Builder request(String url) {
        HttpRequest.Builder b;
        try {
            b = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a URL: " + url);
        }
        if (token != null && !token.isBlank()) {
            b.header("Authorization", "Bearer " + token);
        }
        return b.header("Accept", "application/json, application/problem+json, */*");
    }

    private Answer send(HttpRequest.Builder b) {
        HttpRequest req = b.build();
        var future = http.sendAsync(req, HttpResponse.BodyHandlers.ofByteArray());
        HttpResponse<byte[]> r;
        try {
            r = future.get(TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof ConnectException || c instanceof HttpConnectTimeoutException
                    || (c != null && c.getCause() instanceof ConnectException)) {
                throw new UnreachableException("cannot reach " + service + " at " + baseUrl + " (" + describe(c)
                        + "): is the stack up? (./stratus up)");
            }
            throw new UnreachableException(req.method() + " " + req.uri() + " failed: " + describe(c));
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new UnreachableException(req.method() + " " + req.uri() + " gave no answer within "
                    + (TIMEOUT.toSeconds() + 5) + " s; see the " + service + " log (.stratus/logs/" + service + ".log)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("interrupted");
        }
        String body = new String(r.body(), StandardCharsets.UTF_8);
        if (r.statusCode() / 100 != 2) {
            throw ProblemException.of(r.statusCode(), body);
        }
        return new Answer(r.statusCode(), r.body(), r.headers().firstValue("Content-Type").orElse(""),
                r.headers().firstValue("Content-Disposition").flatMap(AdminClient::fileName),
                r.headers().firstValue("Stratus-Next-Cursor"));
    }

    /** The file name of {@code attachment; filename="x.cer"}. */
    static Optional<String> fileName(String contentDisposition) {
        var m = java.util.regex.Pattern.compile("filename=\"?([^\";]+)\"?").matcher(contentDisposition);
        if (!m.find()) {
            return Optional.empty();
        }
        String name = m.group(1).trim();
        // never a path: the server's name, reduced to a plain file name
        name = name.replaceAll("[/\\\\]", "_");
        return name.isEmpty() || name.equals(".") || name.equals("..") ? Optional.empty() : Optional.of(name);
    }

    private static String describe(Throwable t) {
        if (t == null) {
            return "unknown error";
        }
        if (t instanceof ConnectException) {
            return "connection refused";
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    static String reasonPhrase(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 409 -> "Conflict";
            case 413 -> "Payload Too Large";
            case 415 -> "Unsupported Media Type";
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            default -> "HTTP " + status;
        };
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String abbreviate(String s) {
        if (s == null) {
            return "";
        }
        String t = s.strip();
        return t.length() > 500 ? t.substring(0, 500) + "..." : t;
    }
}
