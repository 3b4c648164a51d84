package io.stratus.console.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.FormParam;

/**
 * The SCEP certificate profile form as submitted (the Intune portal's settings), turned into profile-service's
 * request body ({@code POST .../profiles/scep}, docs/profiles.md) and shown again with what was typed when refused.
 */
public class ScepProfileForm {
    static final List<String> FIELDS = List.of("name", "platform", "certificateType", "authorityId", "scepUrl",
            "subjectNameFormat", "subjectAlternativeNames", "validityDays", "keyAlgorithm", "keySize", "keyUsages",
            "extendedKeyUsages", "renewalThresholdPercent", "trustedProfileIds", "keyStorageProvider", "hashAlgorithm");
    static final List<String> PLATFORMS = List.of("WINDOWS", "MACOS", "IOS", "ANDROID");
    static final List<String> SAN_TYPES = List.of("DNS", "EMAIL", "UPN", "URI");
    static final List<String> KEY_USAGES = List.of("digitalSignature", "keyEncipherment");
    static final List<String> KEY_STORAGE = List.of("TPM_OR_SOFTWARE", "TPM_REQUIRED", "PASSPORT", "SOFTWARE");
    static final List<String> HASHES = List.of("SHA256", "SHA384", "SHA512");
    /** Key choices as the portal offers them: algorithm and size in one. */
    static final List<String> KEYS = List.of("RSA 2048", "RSA 4096", "EC 256", "EC 384");

    @FormParam("name")
    public String name = "";
    @FormParam("platform")
    public String platform = "WINDOWS";
    @FormParam("certificateType")
    public String certificateType = "DEVICE";
    @FormParam("authorityId")
    public String authorityId;
    @FormParam("subjectNameFormat")
    public String subjectNameFormat = "CN={{DeviceName}}";
    @FormParam("sanType")
    public String sanType = "DNS";
    @FormParam("sanValue")
    public String sanValue = "";
    @FormParam("validityDays")
    public String validityDays = "365";
    @FormParam("key")
    public String key = "RSA 2048";
    @FormParam("keyUsage")
    public List<String> keyUsages = new ArrayList<>(KEY_USAGES);
    @FormParam("usage")
    public List<String> usages = new ArrayList<>(List.of("1.3.6.1.5.5.7.3.2"));
    @FormParam("customUsages")
    public String customUsages = "";
    @FormParam("renewalThresholdPercent")
    public String renewalThresholdPercent = "20";
    @FormParam("trustedProfileId")
    public List<String> trustedProfileIds = new ArrayList<>();
    @FormParam("keyStorageProvider")
    public String keyStorageProvider = "TPM_OR_SOFTWARE";
    @FormParam("hashAlgorithm")
    public String hashAlgorithm = "SHA256";

    /** The body, with the SCEP URL of the issuing CA chosen. */
    Map<String, Object> body(String scepUrl) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", blankToNull(name));
        body.put("platform", platform);
        body.put("certificateType", certificateType);
        body.put("authorityId", blankToNull(authorityId));
        body.put("scepUrl", scepUrl);
        body.put("subjectNameFormat", blankToNull(subjectNameFormat));
        body.put("subjectAlternativeNames", sanValue == null || sanValue.isBlank() ? List.of()
                : List.of(Map.of("type", sanType, "value", sanValue.trim())));
        body.put("validityDays", number(validityDays));
        String[] algorithmAndSize = (key == null ? "RSA 2048" : key).split(" ");
        body.put("keyAlgorithm", algorithmAndSize[0]);
        body.put("keySize", number(algorithmAndSize.length > 1 ? algorithmAndSize[1] : null));
        body.put("keyUsages", keyUsages == null ? List.of() : keyUsages);
        List<String> ekus = new ArrayList<>(usages == null ? List.of() : usages);
        if (customUsages != null) {
            for (String oid : customUsages.split("[,\\s]+")) {
                if (!oid.isBlank()) {
                    ekus.add(oid.trim());
                }
            }
        }
        body.put("extendedKeyUsages", ekus);
        body.put("renewalThresholdPercent", number(renewalThresholdPercent));
        body.put("trustedProfileIds", trustedProfileIds == null ? List.of() : trustedProfileIds);
        body.put("keyStorageProvider", "WINDOWS".equals(platform) ? keyStorageProvider : null);
        body.put("hashAlgorithm", hashAlgorithm);
        return body;
    }

    public boolean keyUsageChecked(String usage) {
        return keyUsages != null && keyUsages.contains(usage);
    }

    public boolean trusted(String profileId) {
        return trustedProfileIds != null && trustedProfileIds.contains(profileId);
    }

    /** A number as typed; what is not one goes to the API as text, which refuses it with its own message. */
    private static Object number(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            return value.trim();
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
