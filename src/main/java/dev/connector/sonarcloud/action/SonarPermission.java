package dev.connector.sonarcloud.action;

/**
 * The SonarQube Cloud permission the linked account's user needs for an action (SonarQube checks it; the connector
 * only documents it, in the catalog and as {@code x-required-permission} in openapi.yaml).
 */
public enum SonarPermission {
    /** Any valid token. */
    NONE("none", "Any valid token"),
    ORGANIZATION_MEMBER("organization:member", "Member of the organization"),
    BROWSE("project:browse", "Browse on the project"),
    SEE_SOURCE_CODE("project:codeviewer", "See Source Code on the project"),
    ADMINISTER_ISSUES("project:issueadmin", "Administer Issues on the project"),
    ADMINISTER_HOTSPOTS("project:securityhotspotadmin", "Administer Security Hotspots on the project"),
    ADMINISTER("admin", "Administer on the project, or on the organization for organization-wide data");

    private final String id;
    private final String description;

    SonarPermission(String id, String description) {
        this.id = id;
        this.description = description;
    }

    public String id() {
        return id;
    }

    public String description() {
        return description;
    }
}
