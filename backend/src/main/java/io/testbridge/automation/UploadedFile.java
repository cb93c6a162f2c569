package io.testbridge.automation;

import java.nio.file.Path;

/** A report file of an upload, as the HTTP floor spooled it to disk: the name it was sent with, where it is, its size. */
public record UploadedFile(String name, Path path, long size) {
}
