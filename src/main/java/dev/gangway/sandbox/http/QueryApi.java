package dev.gangway.sandbox.http;

/** An API of AWS's Query protocol (form-encoded request, XML answer), such as EC2's. */
public interface QueryApi {

    /** The XML answer to the request {@code p} in {@code region}, or the error to answer instead. */
    String dispatch(QueryParams p, String region, String requestId) throws ApiError;

    /** The error document this API answers with: EC2's {@code <Response><Errors>} unless it says otherwise. */
    default String error(String code, String message, String requestId) {
        return errorDocument(code, message, requestId);
    }

    /** The XML error document of EC2's Query protocol. */
    static String errorDocument(String code, String message, String requestId) {
        return new XmlWriter().start("Response").start("Errors").start("Error")
                .el("Code", code).el("Message", message).end().end()
                .el("RequestID", requestId).toString();
    }
}
