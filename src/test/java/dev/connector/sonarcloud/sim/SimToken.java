package dev.connector.sonarcloud.sim;

import java.util.Set;

/** A token known to one region's simulator, the user it belongs to and the organizations that user is a member of. */
record SimToken(String token, String login, String name, String email, Set<String> organizations,
                Set<String> administered) {

    SimToken {
        organizations = Set.copyOf(organizations);
        administered = Set.copyOf(administered);
    }

    /** Holds the organization's Administer permission (which covers its projects, gates and profiles). */
    boolean isAdminOf(String organization) {
        return administered.contains(organization);
    }

    boolean isMemberOf(String organization) {
        return organizations.contains(organization);
    }
}
