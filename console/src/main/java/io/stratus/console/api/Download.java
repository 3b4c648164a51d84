package io.stratus.console.api;

/** A file a service answered with, passed on to the browser under the name the service suggested. */
public record Download(byte[] body, String contentType, String contentDisposition) {
}
