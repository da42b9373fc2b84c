package dev.connector.sonarcloud.sim;

import java.util.List;

/** A rule the seeded issues and hotspots rotate through. */
record SeedRule(String key, String name, String type, String softwareQuality, String cleanCodeAttribute,
                String cleanCodeAttributeCategory, List<String> tags, String message) {

    static final List<SeedRule> ISSUE_RULES = List.of(
            new SeedRule("java:S1144", "Unused \"private\" methods should be removed", "CODE_SMELL",
                    "MAINTAINABILITY", "CLEAR", "INTENTIONAL", List.of("unused"),
                    "Remove this unused private \"helper\" method."),
            new SeedRule("java:S106", "Standard outputs should not be used directly to log anything", "CODE_SMELL",
                    "MAINTAINABILITY", "MODULAR", "ADAPTABLE", List.of("bad-practice"),
                    "Replace this use of System.out by a logger."),
            new SeedRule("java:S2259", "Null pointers should not be dereferenced", "BUG",
                    "RELIABILITY", "LOGICAL", "INTENTIONAL", List.of("cwe"),
                    "A \"NullPointerException\" could be thrown; \"value\" is nullable here."),
            new SeedRule("java:S2076", "OS commands should not be vulnerable to command injection attacks",
                    "VULNERABILITY", "SECURITY", "COMPLETE", "INTENTIONAL", List.of("cwe", "injection"),
                    "Change this code to not construct the OS command from user-controlled data."));

    static final List<SeedRule> HOTSPOT_RULES = List.of(
            new SeedRule("java:S2068", "Hard-coded passwords are security-sensitive", "SECURITY_HOTSPOT",
                    "SECURITY", "TRUSTWORTHY", "RESPONSIBLE", List.of("auth"),
                    "\"password\" detected here, make sure this is not a hard-coded credential."),
            new SeedRule("java:S4790", "Using weak hashing algorithms is security-sensitive", "SECURITY_HOTSPOT",
                    "SECURITY", "TRUSTWORTHY", "RESPONSIBLE", List.of("weak-cryptography"),
                    "Make sure this weak hash algorithm is not used in a sensitive context here."),
            new SeedRule("java:S5332", "Using clear-text protocols is security-sensitive", "SECURITY_HOTSPOT",
                    "SECURITY", "TRUSTWORTHY", "RESPONSIBLE", List.of("encrypt-data"),
                    "Using http protocol is insecure. Use https instead."));

    static SeedRule find(String key) {
        for (SeedRule rule : ISSUE_RULES) {
            if (rule.key.equals(key)) {
                return rule;
            }
        }
        for (SeedRule rule : HOTSPOT_RULES) {
            if (rule.key.equals(key)) {
                return rule;
            }
        }
        return null;
    }
}
