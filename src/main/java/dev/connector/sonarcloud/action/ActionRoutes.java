package dev.connector.sonarcloud.action;

import dev.connector.sonarcloud.auth.Caller;
import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Method;
import java.util.Map;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;

/**
 * Registers every action's REST route with Spring MVC's own request mapping, one handler per action, generated from
 * the registry. Matching, 404, 405 with {@code Allow}, HEAD/OPTIONS and body conversion are the framework's; the
 * handler only hands the request to {@link ActionController}.
 */
@Component
class ActionRoutes {

    private static final Method READ;
    private static final Method WRITE;

    static {
        try {
            READ = Route.class.getMethod("read", Caller.class, HttpServletRequest.class, String.class, Map.class);
            WRITE = Route.class.getMethod("write", Caller.class, HttpServletRequest.class, String.class, Map.class,
                    JsonNode.class);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
    }

    ActionRoutes(ActionRegistry registry, ActionController controller,
                 @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mapping) {
        for (ActionDefinition action : registry.all()) {
            RequestMappingInfo info = RequestMappingInfo.paths(action.route())
                    .methods(RequestMethod.valueOf(action.method().name()))
                    .options(mapping.getBuilderConfiguration())
                    .build();
            mapping.registerMapping(info, new Route(action, controller), action.readOnly() ? READ : WRITE);
        }
    }

    /** The handler of one action's route. */
    public static final class Route {
        private final ActionDefinition action;
        private final ActionController controller;

        Route(ActionDefinition action, ActionController controller) {
            this.action = action;
            this.controller = controller;
        }

        public ResponseEntity<Object> read(Caller caller, HttpServletRequest request,
                                           @RequestHeader(name = "x-account-id", required = false) String accountId,
                                           @PathVariable Map<String, String> path) {
            return controller.rest(caller, action, path, request, accountId, null);
        }

        public ResponseEntity<Object> write(Caller caller, HttpServletRequest request,
                                            @RequestHeader(name = "x-account-id", required = false) String accountId,
                                            @PathVariable Map<String, String> path,
                                            @RequestBody(required = false) JsonNode body) {
            return controller.rest(caller, action, path, request, accountId, body);
        }

        @Override
        public String toString() {
            return action.id();
        }
    }
}
