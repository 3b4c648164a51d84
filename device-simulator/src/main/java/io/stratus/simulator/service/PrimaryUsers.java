package io.stratus.simulator.service;

import java.util.List;
import java.util.Locale;

import io.stratus.simulator.service.DeviceDirectory.UserRegistration;

/** Made-up but stable primary users for simulated devices: a name picked from the UPN, an e-mail address equal to it. */
final class PrimaryUsers {

    private static final List<String> GIVEN_NAMES = List.of("Alice", "Bob", "Carol", "David", "Erin", "Frank",
            "Grace", "Heidi", "Ivan", "Judy", "Mallory", "Niaj", "Olivia", "Peggy", "Rupert", "Sybil", "Trent",
            "Victor", "Walter", "Yasmin");
    private static final List<String> SURNAMES = List.of("Smith", "Jones", "Garcia", "Miller", "Davis", "Lopez",
            "Wilson", "Anderson", "Thomas", "Moore", "Martin", "Lee", "Perez", "White", "Harris", "Clark", "Lewis",
            "Young", "Walker", "Hall");

    private PrimaryUsers() {
    }

    static UserRegistration registration(String userId, String userPrincipalName) {
        int hash = Math.abs(userPrincipalName.toLowerCase(Locale.ROOT).hashCode() % 400);
        return new UserRegistration(userId, userPrincipalName, userPrincipalName,
                GIVEN_NAMES.get(hash % GIVEN_NAMES.size()), SURNAMES.get(hash / GIVEN_NAMES.size() % SURNAMES.size()));
    }
}
