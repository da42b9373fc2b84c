package dev.connector.sonarcloud.auth;

import org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextType;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;

/**
 * On a management port of its own ({@code MANAGEMENT_SERVER_PORT}, as in the image) the actuator runs in a child
 * context whose server sees none of the service's filters: {@link ManagementAccessFilter} is registered there too.
 */
@ManagementContextConfiguration(value = ManagementContextType.CHILD, proxyBeanMethods = false)
public class ManagementPortAccess {

    @Bean
    FilterRegistrationBean<ManagementAccessFilter> managementAccessOnTheManagementPort(ManagementAccessFilter filter) {
        FilterRegistrationBean<ManagementAccessFilter> registration = new FilterRegistrationBean<>(filter);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }
}
