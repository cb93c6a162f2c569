package io.testbridge.jirasim;

/** A web link from an issue to another system (POST /issue/{key}/remotelink). */
record RemoteLink(long id, String globalId, String url, String title, String relationship) {
}
