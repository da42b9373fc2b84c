package dev.connector.sonarcloud.sim;

/**
 * Runs both regions with {@link SimulatorDefaults} until killed:
 * {@code java … dev.connector.sonarcloud.sim.SimulatorLauncher [euPort] [usPort]} (defaults 9081 and 9082).
 */
public final class SimulatorLauncher {

    private SimulatorLauncher() {
    }

    public static void main(String[] args) throws InterruptedException {
        int euPort = args.length > 0 ? Integer.parseInt(args[0]) : 9081;
        int usPort = args.length > 1 ? Integer.parseInt(args[1]) : 9082;
        SonarCloudSimulator eu = SonarCloudSimulator.startWithoutJournal("eu", euPort);
        SonarCloudSimulator us = SonarCloudSimulator.startWithoutJournal("us", usPort);
        SimulatorDefaults.apply(eu, us);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            eu.close();
            us.close();
        }));
        System.out.println("SonarQube Cloud simulator: EU " + eu.baseUrl() + " (token " + SimulatorDefaults.EU_TOKEN
                + ", org " + SimulatorDefaults.EU_ORG + "), US " + us.baseUrl() + " (token " + SimulatorDefaults.US_TOKEN
                + ", org " + SimulatorDefaults.US_ORG + ")");
        Thread.currentThread().join();
    }
}
