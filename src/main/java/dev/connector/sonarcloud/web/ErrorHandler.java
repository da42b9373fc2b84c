package dev.connector.sonarcloud.web;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.validation.BindException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import org.springframework.http.converter.HttpMessageNotReadableException;
import tools.jackson.databind.DatabindException;

/** Turns every failure, the framework's own included, into a problem document; never a stack trace. */
@RestControllerAdvice
public class ErrorHandler {

    private static final Logger log = LoggerFactory.getLogger(ErrorHandler.class);

    private final Problems problems;

    public ErrorHandler(Problems problems) {
        this.problems = problems;
    }

    @ExceptionHandler(ApiException.class)
    public ResponseEntity<Object> api(ApiException e) {
        // fail-fast answers (open breaker, full bulkhead) are counted in metrics, not logged one by one
        if (e.status() >= 500 && e.status() != 503) {
            log.warn("answered {} {}: {}", e.status(), e.code(), e.getMessage());
        }
        return problems.entity(e);
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<Object> unreadable(HttpMessageNotReadableException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ApiException api) {
                return problems.entity(api); // thrown by the body stream (too large, too slow), whatever wraps it
            }
        }
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof DatabindException databind && !databind.getPath().isEmpty()) {
                String field = fieldPath(databind);
                return problems.entity(ApiException.validation(field, "has the wrong type or shape"));
            }
        }
        return problems.entity(ApiException.validation("body", "The request body is missing or is not valid JSON"));
    }

    @ExceptionHandler(BindException.class)
    ResponseEntity<Object> invalid(BindException e) {
        List<ApiException.FieldError> errors = new ArrayList<>();
        e.getFieldErrors().forEach(f -> errors.add(new ApiException.FieldError(Names.snake(f.getField()), f.getDefaultMessage())));
        e.getGlobalErrors().forEach(g -> errors.add(new ApiException.FieldError(g.getObjectName(), g.getDefaultMessage())));
        return problems.entity(ApiException.validation("The request has invalid fields", errors));
    }

    @ExceptionHandler(HandlerMethodValidationException.class)
    ResponseEntity<Object> invalidParameters(HandlerMethodValidationException e) {
        List<ApiException.FieldError> errors = new ArrayList<>();
        e.getParameterValidationResults().forEach(result -> result.getResolvableErrors().forEach(error ->
                errors.add(new ApiException.FieldError(Names.snake(result.getMethodParameter().getParameterName()),
                        error.getDefaultMessage()))));
        return problems.entity(ApiException.validation("The request has invalid parameters", errors));
    }

    @ExceptionHandler(MissingRequestHeaderException.class)
    ResponseEntity<Object> missingHeader(MissingRequestHeaderException e) {
        return problems.entity(ApiException.validation(e.getHeaderName(), "header is required"));
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<Object> missingParameter(MissingServletRequestParameterException e) {
        return problems.entity(ApiException.validation(e.getParameterName(), "is required"));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Object> typeMismatch(MethodArgumentTypeMismatchException e) {
        return problems.entity(ApiException.validation(Names.snake(e.getName()), "has the wrong type"));
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<Object> mediaType(HttpMediaTypeNotSupportedException e) {
        return problems.entity(ApiException.of(ErrorCode.UNSUPPORTED_MEDIA_TYPE,
                "Content-Type must be one of " + e.getSupportedMediaTypes()));
    }

    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    ResponseEntity<Object> notAcceptable(HttpMediaTypeNotAcceptableException e) {
        return problems.entity(ApiException.of(ErrorCode.NOT_ACCEPTABLE,
                "This route answers application/json"));
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<Object> method(HttpRequestMethodNotSupportedException e) {
        ResponseEntity<Object> entity = problems.entity(ApiException.methodNotAllowed(
                "Method " + e.getMethod() + " is not allowed on this route"));
        HttpHeaders headers = new HttpHeaders();
        headers.putAll(entity.getHeaders());
        if (e.getSupportedHttpMethods() != null) {
            headers.setAllow(e.getSupportedHttpMethods());
        }
        return new ResponseEntity<>(entity.getBody(), headers, entity.getStatusCode());
    }

    @ExceptionHandler({NoResourceFoundException.class, NoHandlerFoundException.class})
    ResponseEntity<Object> noRoute(Exception e) {
        return problems.entity(ApiException.notFound("No such route"));
    }

    @ExceptionHandler({CannotGetJdbcConnectionException.class, DataAccessResourceFailureException.class,
            TransientDataAccessException.class, CannotCreateTransactionException.class})
    ResponseEntity<Object> database(Exception e) {
        log.warn("database unavailable: {}", e.getClass().getSimpleName());
        return problems.entity(ApiException.unavailable(ErrorCode.DATABASE_UNAVAILABLE,
                "The service's database is unavailable; nothing was changed. Try again shortly.", 5));
    }

    /** A transaction that could not commit or roll back: the connection broke (the database went away). */
    @ExceptionHandler(TransactionSystemException.class)
    ResponseEntity<Object> transaction(TransactionSystemException e) {
        log.warn("database unavailable: {}", e.getClass().getSimpleName());
        return problems.entity(ApiException.unavailable(ErrorCode.DATABASE_UNAVAILABLE,
                "The service's database is unavailable. Try again shortly.", 5));
    }

    /** Parameters first read past {@link RequestParametersFilter}; the message quotes the value, so it is not logged. */
    @ExceptionHandler(org.apache.tomcat.util.http.InvalidParameterException.class)
    ResponseEntity<Object> malformedParameters(Exception e) {
        return problems.entity(RequestParametersFilter.malformed());
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception e) {
        log.error("unexpected error", e);
        return problems.entity(ApiException.internal(
                "An unexpected error occurred; quote the request_id when reporting it"));
    }

    private static String fieldPath(DatabindException e) {
        StringBuilder path = new StringBuilder();
        for (var reference : e.getPath()) {
            if (reference.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "body" : path.toString();
    }
}
