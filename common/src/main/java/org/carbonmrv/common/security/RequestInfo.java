package org.carbonmrv.common.security;

import jakarta.enterprise.context.RequestScoped;

/** The current request's id (set by {@link RequestIdFilter}; null outside HTTP requests). */
@RequestScoped
public class RequestInfo {

    private String requestId;

    public String getRequestId() {
        return requestId;
    }

    public void setRequestId(String requestId) {
        this.requestId = requestId;
    }
}
