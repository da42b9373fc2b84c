package dev.connector.sonarcloud.sim;

/**
 * A ready dataset for both regions. EU: {@link #EU_TOKEN} ("jdoe", member of {@link #EU_ORG}), {@link #NO_ORG_TOKEN}
 * (member of nothing), {@link #OTHER_ORG} (jdoe is not a member), project {@link #EU_PROJECT} with
 * {@link #EU_ISSUES} issues and {@link #EU_HOTSPOTS} hotspots. US: {@link #US_TOKEN} ("ususer", member of
 * {@link #US_ORG}), project {@link #US_PROJECT}. Tokens are 40 lowercase hex characters like real PATs.
 */
public final class SimulatorDefaults {

    public static final String EU_TOKEN = "0123456789abcdef0123456789abcdef01234567";
    public static final String EU_LOGIN = "jdoe";
    public static final String EU_NAME = "John Doe";
    public static final String EU_ORG = "my-org";
    public static final String EU_ORG_NAME = "My Organization";
    public static final String EU_PROJECT = "my-org_my-project";
    public static final String EU_PROJECT_NAME = "My Project";
    public static final String EU_SECOND_PROJECT = "my-org_other-project";
    public static final int EU_ISSUES = 120;
    public static final int EU_HOTSPOTS = 30;
    /** The first seeded issue and hotspot of {@link #EU_PROJECT}. */
    public static final String EU_FIRST_ISSUE = "AX-issue-000001";
    public static final String EU_FIRST_HOTSPOT = "AX-hotspot-000001";

    /** Known in EU, member of no organization. */
    public static final String NO_ORG_TOKEN = "abcdefabcdefabcdefabcdefabcdefabcdefabcd";
    public static final String NO_ORG_LOGIN = "loner";
    /** An EU organization {@link #EU_TOKEN} is not a member of. */
    public static final String OTHER_ORG = "other-org";

    public static final String US_TOKEN = "fedcba9876543210fedcba9876543210fedcba98";
    public static final String US_LOGIN = "ususer";
    public static final String US_NAME = "US User";
    public static final String US_ORG = "us-org";
    public static final String US_ORG_NAME = "US Organization";
    public static final String US_PROJECT = "us-org_us-project";
    public static final int US_ISSUES = 12;
    public static final int US_HOTSPOTS = 4;

    /** A well-formed token that no simulator knows. */
    public static final String UNKNOWN_TOKEN = "1111111111111111111111111111111111111111";

    private SimulatorDefaults() {
    }

    /** Seeds the dataset; either simulator may be null. */
    public static void apply(SonarCloudSimulator eu, SonarCloudSimulator us) {
        if (eu != null) {
            eu.addOrganization(EU_ORG, EU_ORG_NAME);
            eu.addOrganization(OTHER_ORG, "Other Organization");
            eu.addToken(EU_TOKEN, EU_LOGIN, EU_NAME, EU_ORG);
            eu.addToken(NO_ORG_TOKEN, NO_ORG_LOGIN, "Lone User");
            eu.addProject(EU_ORG, EU_PROJECT, EU_PROJECT_NAME);
            eu.addProject(EU_ORG, EU_SECOND_PROJECT, "Other Project");
            eu.seedIssues(EU_PROJECT, EU_ISSUES);
            eu.seedHotspots(EU_PROJECT, EU_HOTSPOTS);
        }
        if (us != null) {
            us.addOrganization(US_ORG, US_ORG_NAME);
            us.addToken(US_TOKEN, US_LOGIN, US_NAME, US_ORG);
            us.addProject(US_ORG, US_PROJECT, "US Project");
            us.seedIssues(US_PROJECT, US_ISSUES);
            us.seedHotspots(US_PROJECT, US_HOTSPOTS);
        }
    }
}
