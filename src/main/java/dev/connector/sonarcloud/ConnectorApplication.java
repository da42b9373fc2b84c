package dev.connector.sonarcloud;

import dev.connector.sonarcloud.credential.Keysets;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class ConnectorApplication {

    public static void main(String[] args) {
        if (args.length == 1 && args[0].equals("generate-keyset")) {
            // java -jar sonarcloud-connector.jar generate-keyset > keyset.json (a new AES-256-GCM Tink keyset)
            System.out.println(Keysets.generate());
            return;
        }
        SpringApplication.run(ConnectorApplication.class, args);
    }
}
