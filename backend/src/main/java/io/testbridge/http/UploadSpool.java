package io.testbridge.http;

import io.testbridge.errors.ErrorCode;
import io.testbridge.errors.Failure;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Streams a request body of one or more files to disk, never holding it in memory: a raw body (one
 * file, its type one of {@code types}) or multipart/form-data (several files, and form fields).
 * Bytes are counted as they arrive, so an upload over the limit is refused with 413 as soon as it
 * passes it, whether or not it declared its length; the rest of it is read and dropped. Each file's
 * SHA-256 is taken on the way. When the response ends (answered, refused, or the client gone mid-upload),
 * every file still open is closed, then the spooled files are deleted: no descriptor or disk space
 * outlives the request.
 *
 * <p>The request must have been paused before anything could arrive (see {@link ApiRouter}'s
 * streamed operations): access control and validation run first, then this reads the body.
 */
public final class UploadSpool {
    /** A file of the upload: the name it was sent with, where it is on disk, its size and SHA-256 (hex). */
    public record SpooledFile(int index, String name, Path path, long size, String sha256) {
    }

    /** The upload on disk: its files in order, and the form fields (empty for a raw body). */
    public record Spooled(List<SpooledFile> files, MultiMap fields) {
    }

    private final RoutingContext ctx;
    private final Path directory;
    private final long limit;
    private final int maxFiles;
    private final List<SpooledFile> files = new ArrayList<>();
    private final List<Future<?>> writes = new ArrayList<>();
    /** Every file opened for this upload, closed or not: closed and deleted when the response ends. */
    private final List<FileSink> sinks = new ArrayList<>();
    private boolean cleanedUp;
    private final Promise<Spooled> done = Promise.promise();
    private long received;
    private boolean refused;
    private int parts;
    private int order;

    private UploadSpool(RoutingContext ctx, Path directory, long limit, int maxFiles) {
        this.ctx = ctx;
        this.directory = directory;
        this.limit = limit;
        this.maxFiles = maxFiles;
    }

    /**
     * Spools the request's body into {@code directory}; fails with 413 over {@code limit} bytes, 415
     * for a type that is neither multipart/form-data nor one of {@code types}.
     */
    public static Future<Spooled> spool(RoutingContext ctx, Path directory, long limit, int maxFiles, Set<String> types, String rawName) {
        return new UploadSpool(ctx, directory, limit, maxFiles).start(types, rawName);
    }

    private Future<Spooled> start(Set<String> types, String rawName) {
        HttpServerRequest request = ctx.request();
        // called when the response ends or the connection closes first (a client gone mid-upload)
        ctx.addEndHandler(ended -> cleanUp());
        String type = mediaType(request.getHeader(HttpHeaders.CONTENT_TYPE));
        boolean multipart = type.equals("multipart/form-data");
        if (!multipart && !types.contains(type)) {
            return refuse(new Failure(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "Send the report with Content-Type " + String.join(", ", types)
                    + ", or several files as multipart/form-data (not '" + (type.isEmpty() ? "none" : type) + "')."));
        }
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null && length.matches("\\d{1,18}") && Long.parseLong(length) > limit) {
            return refuse(tooLarge());
        }
        vertx().fileSystem().mkdirs(directory.toString())
                .compose(made -> multipart ? Future.succeededFuture((FileSink) null) : open(rawName))
                .onSuccess(rawFile -> {
                    if (multipart) {
                        readMultipart(request);
                    } else {
                        readRaw(request, rawFile);
                    }
                    request.resume();
                })
                .onFailure(error -> {
                    done.tryFail(error);
                    request.resume();
                });
        return done.future();
    }

    private void readRaw(HttpServerRequest request, FileSink file) {
        request.handler(data -> {
            if (count(data)) {
                file.write(data, request);
            }
        });
        request.endHandler(end -> {
            writes.add(file.close());
            finish(request);
        });
        request.exceptionHandler(error -> done.tryFail(error));
    }

    private void readMultipart(HttpServerRequest request) {
        request.setExpectMultipart(true);
        request.handler(this::count);
        request.uploadHandler(upload -> {
            if (refused) {
                upload.handler(data -> { });
                return;
            }
            if (++parts > maxFiles) {
                refuse(Failure.invalid("files", "An upload holds at most " + maxFiles + " files."));
                upload.handler(data -> { });
                return;
            }
            upload.pause();
            String name = upload.filename() == null || upload.filename().isBlank() ? upload.name() : upload.filename();
            Promise<Void> written = Promise.promise();
            writes.add(written.future());
            open(name).onSuccess(file -> {
                upload.handler(data -> {
                    if (!refused && !cleanedUp) {
                        file.write(data, request);
                    }
                });
                upload.endHandler(end -> file.close().onComplete(written));
                upload.exceptionHandler(written::tryFail);
                upload.resume();
            }).onFailure(written::tryFail);
        });
        request.endHandler(end -> finish(request));
        request.exceptionHandler(error -> done.tryFail(error));
    }

    /** Counts bytes as they arrive; false once the upload is over the limit (it is refused, the rest dropped). */
    private boolean count(Buffer data) {
        received += data.length();
        if (!refused && received > limit) {
            refuse(tooLarge());
        }
        return !refused;
    }

    private void finish(HttpServerRequest request) {
        if (refused) {
            return;
        }
        Future.all(new ArrayList<>(writes)).onComplete(closed -> {
            if (closed.failed()) {
                done.tryFail(closed.cause());
                return;
            }
            files.sort(java.util.Comparator.comparingInt(SpooledFile::index));
            done.tryComplete(new Spooled(List.copyOf(files), request.isExpectMultipart() ? request.formAttributes() : MultiMap.caseInsensitiveMultiMap()));
        });
    }

    private <T> Future<T> refuse(Failure failure) {
        refused = true;
        HttpServerRequest request = ctx.request();
        done.tryFail(failure);
        // what still arrives is counted and dropped; once answered, the rest is swallowed up to a bound, then the connection closes
        request.resume();
        return done.future().map(spooled -> null);
    }

    /** How much of a refused or unread body is read and dropped after the answer, so the client reads the answer, before the connection closes. */
    static final long SWALLOW_BYTES = 4L * 1024 * 1024;

    /**
     * The rest of a request body nobody will read, once the answer is sent: read and dropped up to
     * {@value #SWALLOW_BYTES} bytes (closing at once could reset the connection before the client
     * reads the answer), then the connection closes rather than reading an upload of any size.
     */
    static void swallowRest(HttpServerRequest request) {
        if (request.isEnded()) {
            return;
        }
        long[] swallowed = {0};
        request.exceptionHandler(error -> { });
        request.endHandler(end -> { });
        request.handler(data -> {
            swallowed[0] += data.length();
            if (swallowed[0] > SWALLOW_BYTES) {
                request.handler(null);
                request.connection().close();
            }
        });
        request.resume();
    }

    private Failure tooLarge() {
        return new Failure(ErrorCode.PAYLOAD_TOO_LARGE, "The upload is larger than " + (limit / (1024 * 1024)) + " MB, the most this server accepts "
                + "(TESTBRIDGE_RESULTS_MAX_MB); split the reports into several uploads.");
    }

    /** A file being written: its bytes go to disk (the request waits while the disk catches up) and into its SHA-256. */
    private final class FileSink {
        private final int index;
        private final String name;
        private final Path path;
        private final AsyncFile file;
        private final MessageDigest digest = sha256();
        private long size;
        private Future<Void> closing;

        FileSink(int index, String name, Path path, AsyncFile file) {
            this.index = index;
            this.name = name;
            this.path = path;
            this.file = file;
        }

        void write(Buffer data, HttpServerRequest request) {
            if (closing != null) {
                return;
            }
            digest.update(data.getBytes());
            size += data.length();
            file.write(data);
            if (file.writeQueueFull()) {
                request.pause();
                file.drainHandler(drained -> request.resume());
            }
        }

        /** Closes the file once (again: the same answer); a file closed whole is one of the upload's files. */
        Future<Void> close() {
            if (closing == null) {
                boolean whole = !refused && !cleanedUp;
                closing = file.close().onSuccess(closed -> {
                    if (whole) {
                        files.add(new SpooledFile(index, name, path, size, HexFormat.of().formatHex(digest.digest())));
                    }
                });
            }
            return closing;
        }
    }

    private Future<FileSink> open(String name) {
        int index = order++;
        return vertx().fileSystem().createTempFile(directory.toString(), "upload-", ".part", (String) null)
                .compose(path -> {
                    spooledPaths.add(path);
                    return vertx().fileSystem().open(path, new OpenOptions().setWrite(true).setTruncateExisting(true))
                            .compose(file -> {
                                FileSink sink = new FileSink(index, name, Path.of(path), file);
                                sinks.add(sink);
                                if (cleanedUp) {
                                    // the response ended while this file was being opened
                                    sink.close().onComplete(closed -> vertx().fileSystem().delete(path));
                                    return Future.<FileSink>failedFuture("the upload ended");
                                }
                                return Future.succeededFuture(sink);
                            });
                });
    }

    private final List<String> spooledPaths = new ArrayList<>();

    /** Closes every file still open, then deletes them all (a file unlinked while open would keep its descriptor and its space). */
    private void cleanUp() {
        if (cleanedUp) {
            return;
        }
        cleanedUp = true;
        List<Future<Void>> closing = new ArrayList<>();
        for (FileSink sink : sinks) {
            closing.add(sink.close());
        }
        Future.join(closing).onComplete(closed -> {
            for (String path : spooledPaths) {
                vertx().fileSystem().delete(path);
            }
        });
    }

    /**
     * Deletes what uploads left in {@code directory} when the node stopped in the middle of them
     * (files are deleted when their response ends, so at start-up every one there is left over).
     * Blocking: for start-up.
     */
    public static void deleteLeftovers(Path directory) {
        if (!java.nio.file.Files.isDirectory(directory)) {
            return;
        }
        try (var files = java.nio.file.Files.list(directory)) {
            for (Path file : files.filter(path -> path.getFileName().toString().matches("upload-.*\\.part")).toList()) {
                java.nio.file.Files.deleteIfExists(file);
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("Cannot clear the upload folder " + directory, e);
        }
    }

    private io.vertx.core.Vertx vertx() {
        return ctx.vertx();
    }

    private static String mediaType(String header) {
        if (header == null) {
            return "";
        }
        int semicolon = header.indexOf(';');
        return (semicolon < 0 ? header : header.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
