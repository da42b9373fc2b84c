package dev.connector.sonarcloud;

import dev.connector.sonarcloud.credential.KeysetCommands;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class ConnectorApplication {

    public static void main(String[] args) {
        if (KeysetCommands.handles(args)) {
            // java -jar sonarcloud-connector.jar generate-keyset > keyset.json, add-key, promote-key, list-keys
            System.exit(KeysetCommands.run(args, System.in, System.out, System.err));
        }
        SpringApplication.run(ConnectorApplication.class, args);
    }
}
