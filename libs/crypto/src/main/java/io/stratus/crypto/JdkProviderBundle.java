package io.stratus.crypto;

import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.security.Security;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;

/**
 * One provider that answers with the services of the JDK's own providers (first registration wins),
 * used as the fast provider when ACCP is unavailable. Third-party providers such as BouncyCastle and
 * ACCP are left out so behaviour equals a plain JDK, and so are PKCS#11 token providers.
 */
final class JdkProviderBundle extends Provider {

    private static final long serialVersionUID = 1L;
    static final String NAME = "StratusJdk";
    /** Attributes the JCA consults when selecting services (names are not enumerable). */
    private static final List<String> ATTRIBUTE_NAMES = List.of("SupportedModes", "SupportedPaddings",
            "SupportedKeyClasses", "SupportedKeyFormats", "KeySize", "ImplementedIn", "ValidationAlgorithm");

    JdkProviderBundle() {
        super(NAME, "1.0", "JDK providers bundled as the Stratus fallback for the fast provider");
        for (Provider provider : Security.getProviders()) {
            if (isJdkProvider(provider)) {
                for (Service service : provider.getServices()) {
                    if (getService(service.getType(), service.getAlgorithm()) == null) {
                        putService(new Delegate(this, service, aliases(provider, service)));
                    }
                }
            }
        }
    }

    private static boolean isJdkProvider(Provider provider) {
        String className = provider.getClass().getName();
        if (className.startsWith("sun.security.pkcs11.")) {
            return false; // a configured SunPKCS11 belongs to its token, not to the software fallback
        }
        return className.startsWith("sun.") || className.startsWith("com.sun.")
                || className.startsWith("jdk.") || className.startsWith("org.jcp.");
    }

    /** Aliases are only visible through the legacy "Alg.Alias.type.alias" properties. */
    private List<String> aliases(Provider provider, Service service) {
        String prefix = "Alg.Alias." + service.getType() + ".";
        List<String> aliases = new ArrayList<>();
        for (String key : provider.stringPropertyNames()) {
            if (key.startsWith(prefix) && service.getAlgorithm().equalsIgnoreCase(provider.getProperty(key))) {
                String alias = key.substring(prefix.length());
                if (getService(service.getType(), alias) == null) {
                    aliases.add(alias);
                }
            }
        }
        return aliases;
    }

    private static final class Delegate extends Service {
        private final Service target;

        Delegate(Provider owner, Service target, List<String> aliases) {
            super(owner, target.getType(), target.getAlgorithm(), target.getClassName(), aliases,
                    attributes(target));
            this.target = target;
        }

        @Override
        public Object newInstance(Object constructorParameter) throws NoSuchAlgorithmException {
            return target.newInstance(constructorParameter);
        }

        @Override
        public boolean supportsParameter(Object parameter) {
            return target.supportsParameter(parameter);
        }

        private static Map<String, String> attributes(Service target) {
            Map<String, String> attributes = new HashMap<>();
            for (String name : ATTRIBUTE_NAMES) {
                String value = target.getAttribute(name);
                if (value != null) {
                    attributes.put(name, value);
                }
            }
            return attributes;
        }
    }
}
