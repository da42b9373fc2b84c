package dev.connector.sonarcloud.sim;

record SimOrganization(String key, String name) {
}
