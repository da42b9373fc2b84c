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

    /** Known in EU, a plain member of {@link #EU_ORG} without Administer (jdoe administers it). */
    public static final String EU_MEMBER_TOKEN = "2222222222222222222222222222222222222222";
    public static final String EU_MEMBER_LOGIN = "mmember";

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

    // Web API v2 ids of EU_ORG's data, as the simulator derives them
    public static final String EU_SONAR_WAY_GATE = V2Endpoints.uuid("gate:" + EU_ORG + ":Sonar way");
    public static final String EU_STRICT_GATE = V2Endpoints.uuid("gate:" + EU_ORG + ":Strict gate");
    public static final String EU_STRICT_COVERAGE_CONDITION = V2Endpoints.uuid("condition:" + EU_STRICT_GATE + ":1025");
    public static final String EU_PROJECT_ASSOCIATION =
            V2Endpoints.uuid("association:" + V2Endpoints.legacyId(EU_PROJECT));
    public static final String EU_ENTERPRISE = V2Endpoints.uuid("enterprise:acme");
    public static final String EU_PAYMENTS_PORTFOLIO = V2Endpoints.uuid("portfolio:Payments");

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
            eu.addMemberToken(EU_MEMBER_TOKEN, EU_MEMBER_LOGIN, "Mary Member", EU_ORG);
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
