package lux.api;

import java.util.List;
import java.util.Map;
import lux.shared.ConflictException;
import lux.shared.DuplicateException;
import lux.shared.ForbiddenException;
import lux.preflight.PreflightRefusedException;
import lux.shared.InvalidInputException;
import lux.shared.LuxException;
import lux.shared.NotFoundException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * Maps LUX errors to RFC 9457 problem+json. Field errors carry {@code field} and an
 * {@code errors} list of {@code {field, message}} so clients can show the message next to
 * the input.
 */
@RestControllerAdvice(basePackages = "lux.api")
class ApiExceptionHandler {

    @ExceptionHandler(InvalidInputException.class)
    ProblemDetail invalid(InvalidInputException e) {
        return withField(Problems.problem(HttpStatus.BAD_REQUEST, "invalid-input", e.getMessage()), e.field(),
                e.getMessage());
    }

    /**
     * Scheduling refused by the pre-flight check: 422 with every blocking problem (and
     * the warnings) listed.
     */
    @ExceptionHandler(PreflightRefusedException.class)
    ProblemDetail preflight(PreflightRefusedException e) {
        ProblemDetail problem = Problems.problem(HttpStatus.UNPROCESSABLE_ENTITY, "preflight-failed", e.getMessage());
        problem.setProperty("blocking", e.report().blocking());
        problem.setProperty("warnings", e.report().warnings());
        return problem;
    }

    @ExceptionHandler(NotFoundException.class)
    ProblemDetail notFound(NotFoundException e) {
        return Problems.problem(HttpStatus.NOT_FOUND, "not-found", e.getMessage());
    }

    @ExceptionHandler(DuplicateException.class)
    ProblemDetail duplicate(DuplicateException e) {
        return withField(Problems.problem(HttpStatus.CONFLICT, "duplicate", e.getMessage()), e.field(), e.getMessage());
    }

    /** Known user, action not theirs to take (approving their own send). */
    @ExceptionHandler(ForbiddenException.class)
    ProblemDetail forbidden(ForbiddenException e) {
        return Problems.problem(HttpStatus.FORBIDDEN, "forbidden", e.getMessage());
    }

    /** Conflicts and illegal status transitions (pausing a sent campaign). */
    @ExceptionHandler({ ConflictException.class, LuxException.class })
    ProblemDetail conflict(LuxException e) {
        return Problems.problem(HttpStatus.CONFLICT, "conflict", e.getMessage());
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ProblemDetail unreadable(HttpMessageNotReadableException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof lux.shared.web.BodyLimit.TooLarge tooLarge) {
                return Problems.problem(HttpStatus.PAYLOAD_TOO_LARGE, "body-too-large", tooLarge.getMessage());
            }
        }
        String detail = "The request body is not valid JSON for this resource"
                + (e.getMostSpecificCause() instanceof com.fasterxml.jackson.databind.JsonMappingException m
                        && !m.getPath().isEmpty()
                                ? " (at field '" + m.getPath().get(m.getPath().size() - 1).getFieldName() + "')" : "")
                + ".";
        return Problems.problem(HttpStatus.BAD_REQUEST, "unreadable-body", detail);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ProblemDetail typeMismatch(MethodArgumentTypeMismatchException e) {
        String message = "'" + e.getValue() + "' is not a valid " + e.getName() + ".";
        return withField(Problems.problem(HttpStatus.BAD_REQUEST, "invalid-input", message), e.getName(), message);
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ProblemDetail missing(MissingServletRequestParameterException e) {
        String message = "The parameter '" + e.getParameterName() + "' is required.";
        return withField(Problems.problem(HttpStatus.BAD_REQUEST, "invalid-input", message), e.getParameterName(),
                message);
    }

    private static ProblemDetail withField(ProblemDetail problem, String field, String message) {
        if (field != null) {
            problem.setProperty("field", field);
            problem.setProperty("errors", List.of(Map.of("field", field, "message", message)));
        }
        return problem;
    }

}
