package io.stratus.crypto;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the slot of a token by its label through the JDK's own PKCS#11 wrapper (SunPKCS11 itself only takes a
 * slot id or index). The wrapper package is not exported, so this needs
 * {@value #ADD_EXPORTS}; without it the failure says so.
 */
final class Pkcs11Slots {

    static final String ADD_EXPORTS = "--add-exports jdk.crypto.cryptoki/sun.security.pkcs11.wrapper=ALL-UNNAMED";
    private static final String WRAPPER = "sun.security.pkcs11.wrapper.";
    private static final long CKF_OS_LOCKING_OK = 0x2L;

    private Pkcs11Slots() {
    }

    /** The id of the slot whose token has {@code label}; IllegalStateException if none or several do. */
    static long slotOf(String library, String label) {
        List<String> seen = new ArrayList<>();
        Long found = null;
        try {
            Class<?> pkcs11Class = Class.forName(WRAPPER + "PKCS11");
            Class<?> initArgsClass = Class.forName(WRAPPER + "CK_C_INITIALIZE_ARGS");
            Object initArgs = initArgsClass.getConstructor().newInstance();
            initArgsClass.getField("flags").setLong(initArgs, CKF_OS_LOCKING_OK); // as SunPKCS11 does
            // cached per library: the SunPKCS11 provider configured later shares this initialized module
            Object pkcs11 = pkcs11Class.getMethod("getInstance", String.class, String.class, initArgsClass,
                    boolean.class).invoke(null, library, "C_GetFunctionList", initArgs, false);
            long[] slots = (long[]) pkcs11Class.getMethod("C_GetSlotList", boolean.class).invoke(pkcs11, true);
            Method tokenInfo = pkcs11Class.getMethod("C_GetTokenInfo", long.class);
            for (long slot : slots) {
                Object info = tokenInfo.invoke(pkcs11, slot);
                Field labelField = info.getClass().getField("label");
                String tokenLabel = new String((char[]) labelField.get(info)).trim();
                seen.add(tokenLabel);
                if (tokenLabel.equals(label)) {
                    if (found != null) {
                        throw new IllegalStateException("two PKCS#11 tokens are labelled " + label);
                    }
                    found = slot;
                }
            }
        } catch (IllegalAccessException | IllegalAccessError e) {
            throw new IllegalStateException("finding a PKCS#11 token by label needs the JVM option " + ADD_EXPORTS
                    + " (or configure slot / slotListIndex instead)", e);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("cannot list the tokens of PKCS#11 library " + library + ": "
                    + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("this JDK's PKCS#11 wrapper is not as expected; configure slot or"
                    + " slotListIndex instead of tokenLabel", e);
        }
        if (found == null) {
            throw new IllegalStateException("no PKCS#11 token labelled " + label + " in " + library
                    + " (tokens: " + seen + ")");
        }
        return found;
    }
}
