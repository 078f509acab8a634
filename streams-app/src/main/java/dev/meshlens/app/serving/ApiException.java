package dev.meshlens.app.serving;

/** An answer other than 200, with the JSON body {@code {"error": ..., "parameter": ...}}. */
public final class ApiException extends RuntimeException {
    private final int status;
    private final String parameter;

    public ApiException(int status, String parameter, String message) {
        super(message, null, false, false);
        this.status = status;
        this.parameter = parameter;
    }

    public static ApiException badParameter(String parameter, String message) {
        return new ApiException(400, parameter, message);
    }

    /** No token or the wrong one: the same answer for both, so that it tells nothing about the token. */
    public static ApiException unauthorized() {
        return new ApiException(401, null, "unauthorized");
    }

    public static ApiException notFound(String message) {
        return new ApiException(404, null, message);
    }

    /** The answer while a rebalance moves state: try again shortly. */
    public static ApiException unavailable(String message) {
        return new ApiException(503, null, message);
    }

    public int status() {
        return status;
    }

    public String parameter() {
        return parameter;
    }
}
