#!/usr/bin/env python3
"""Cuts the response-schema fragments JiraContractTest validates against out of Atlassian's
published OpenAPI documents. Reproducible: the inputs are pinned by git blob id (checked below),
the output is sorted JSON. See README.md next to this file.

    python3 cut.py CLOUD_SPEC.json DC_SPEC.json      # run from this directory

Every fragment is a JSON Schema 2020-12 document: the operation's response schema, with each
components/schemas entry it reaches copied under $defs. OpenAPI 3.0 is turned into JSON Schema
(nullable, examples, xml, discriminator, date-time); anything else changed is listed in the
fragment's x-adaptations.
"""
import copy
import hashlib
import json
import os
import re
import sys

CLOUD = {
    "document": "The Jira Cloud platform REST API (OpenAPI 3.0.1)",
    "url": "https://developer.atlassian.com/cloud/jira/platform/swagger-v3.v3.json",
    "repository": "https://github.com/jarekbird/jira-api-mcp-wrapper",
    "commit": "9a9e84dacce9900b0bd4f1f095f5f1bdf3ce0168",
    "commitDate": "2025-12-25",
    "path": "swagger-v3.v3.json",
    "gitBlob": None,  # filled in from the file
}
DC = {
    "document": "Jira Software Data Center REST API Reference (OpenAPI 3.0.1)",
    "url": "https://dac-static.atlassian.com/server/jira/platform/jira_software_dc_10003_swagger.v3.json",
    "repository": "https://github.com/zackbunch/jira-dc-mock-server",
    "commit": "14e9d2572ca3efb5fecd739a0b41b3b1889c0edd",
    "commitDate": "2026-08-06",
    "path": "contracts/jira-software-dc-10.3-openapi.json",
    "gitBlob": None,
}
EXPECTED_BLOBS = {
    "cloud": "9e0ca45dc63ffa6695c76f65dd4394325d1e8e67",
    "dc": "3cf511f550f7c9557f51ae4a782bc9c6356c838d",
}

# Jira writes timestamps as 2024-01-31T10:15:30.000+0000 (offset without a colon), which is not
# RFC 3339 `date-time`; the documents' own examples use that form. Checked as a pattern instead.
JIRA_DATE_TIME = r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:?\d{2})$"
DROPPED = {"example", "examples", "xml", "externalDocs", "discriminator", "nullable"}


def git_blob(data):
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()


def convert(schema, refs):
    """OpenAPI 3.0 schema object -> JSON Schema 2020-12; collects referenced component names."""
    if isinstance(schema, bool) or not isinstance(schema, dict):
        return schema
    out = {}
    for key, value in schema.items():
        if key in DROPPED:
            continue
        if key == "$ref":
            name = value.rsplit("/", 1)[1]
            refs.add(name)
            out[key] = "#/$defs/" + name
        elif key == "properties":
            out[key] = {name: convert(sub, refs) for name, sub in value.items()}
        elif key in ("items", "additionalProperties", "not"):
            out[key] = convert(value, refs)
        elif key in ("allOf", "anyOf", "oneOf"):
            out[key] = [convert(sub, refs) for sub in value]
        elif key == "format" and value == "date-time":
            out["pattern"] = JIRA_DATE_TIME
        else:
            out[key] = copy.deepcopy(value)
    if schema.get("nullable") is True:
        if "type" in out:
            out["type"] = [out["type"], "null"]
            if "enum" in out:
                out["enum"] = out["enum"] + [None]
        else:
            out = {"anyOf": [out, {"type": "null"}]}
    return out


def fragment(spec, source, path, method, status, adapt=None, notes=()):
    operation = spec["paths"][path][method]
    schema = operation["responses"][status]["content"]["application/json"]["schema"]
    components = spec["components"]["schemas"]
    refs, done, defs = set(), set(), {}
    root = convert(schema, refs)
    while refs - done:
        name = sorted(refs - done)[0]
        done.add(name)
        defs[name] = convert(components[name], refs)
    adaptations = list(notes)
    if json.dumps(JIRA_DATE_TIME)[1:-1] in json.dumps([root, defs]):
        adaptations.append(DATE_NOTE)
    if adapt:
        root, defs = adapt(root, defs)
    doc = {"$schema": "https://json-schema.org/draft/2020-12/schema",
           "$comment": "Cut by contract/cut.py; do not edit by hand.",
           "x-source": dict(source, infoVersion=spec["info"]["version"],
                            operation=method.upper() + " " + path, response=status + " application/json"),
           "x-adaptations": adaptations}
    doc.update(root)
    if defs:
        doc["$defs"] = defs
    return doc


def component(spec, source, name, note):
    """A components/schemas entry no operation names as a response body."""
    refs = set()
    root = convert({"$ref": "#/components/schemas/" + name}, refs)
    defs = {n: convert(spec["components"]["schemas"][n], refs) for n in sorted(refs)}
    return {"$schema": "https://json-schema.org/draft/2020-12/schema",
            "$comment": "Cut by contract/cut.py; do not edit by hand.",
            "x-source": dict(source, infoVersion=spec["info"]["version"], component=name),
            "x-adaptations": [note], **root, "$defs": defs}


def as_array(note):
    """The DC document references the item bean where Jira answers a JSON array of them."""
    def adapt(root, defs):
        return {"type": "array", "items": root}, defs
    return adapt, note


def relax_dc_issue_fields(root, defs):
    # IssueBean.fields declares every value an object; Jira's own example holds strings, arrays, null.
    defs["IssueBean"]["properties"]["fields"]["additionalProperties"] = {}
    return root, defs


def dc_page(item_name_note):
    def adapt(root, defs):
        return {"type": "object", "required": ["values"],
                "properties": {"startAt": {"type": "integer"}, "maxResults": {"type": "integer"},
                               "total": {"type": "integer"}, "isLast": {"type": "boolean"},
                               "values": {"type": "array", "items": root}}}, defs
    return adapt, item_name_note


DC_ARRAY_NOTE = ("The DC document declares the item bean as the response although Jira answers a JSON array "
                 "of them (its description says list); checked as an array of that bean.")
DC_PAGE_NOTE = ("The DC document declares the item bean as the response although Jira answers a page "
                "{startAt, maxResults, total, isLast, values:[...]}; the envelope is written from the "
                "document's pagination appendix, the items are the published bean.")
DC_FIELDS_NOTE = ("IssueBean.fields declares every value an object, while Jira (and the document's own "
                  "example) has strings, arrays and null there: field values checked as any JSON.")
DC_ERROR_NOTE = ("No DC operation declares a body for its 4xx answers; the document's ErrorCollection "
                 "component is the shape Jira DC answers errors in ({errorMessages, errors}).")
DATE_NOTE = ("format date-time replaced by a pattern accepting Jira's own timestamp form "
             "(2024-01-31T10:15:30.000+0000), which is not RFC 3339.")


def main(cloud_path, dc_path):
    here = os.path.dirname(os.path.abspath(__file__))
    specs = {}
    for name, path, source in (("cloud", cloud_path, CLOUD), ("dc", dc_path, DC)):
        data = open(path, "rb").read()
        blob = git_blob(data)
        if EXPECTED_BLOBS.get(name) and blob != EXPECTED_BLOBS[name]:
            sys.exit(f"{path}: git blob {blob}, expected {EXPECTED_BLOBS[name]} (another version of the document)")
        source["gitBlob"] = blob
        specs[name] = json.loads(data)
    c, d = specs["cloud"], specs["dc"]
    cuts = {
        "cloud-v3/myself.json": fragment(c, CLOUD, "/rest/api/3/myself", "get", "200"),
        "cloud-v3/server-info.json": fragment(c, CLOUD, "/rest/api/3/serverInfo", "get", "200"),
        "cloud-v3/project-search.json": fragment(c, CLOUD, "/rest/api/3/project/search", "get", "200"),
        "cloud-v3/createmeta-issuetypes.json": fragment(c, CLOUD, "/rest/api/3/issue/createmeta/{projectIdOrKey}/issuetypes", "get", "200"),
        "cloud-v3/createmeta-fields.json": fragment(c, CLOUD, "/rest/api/3/issue/createmeta/{projectIdOrKey}/issuetypes/{issueTypeId}", "get", "200"),
        "cloud-v3/issue-created.json": fragment(c, CLOUD, "/rest/api/3/issue", "post", "201"),
        "cloud-v3/error-collection.json": fragment(c, CLOUD, "/rest/api/3/issue", "post", "400"),
        "cloud-v3/issue.json": fragment(c, CLOUD, "/rest/api/3/issue/{issueIdOrKey}", "get", "200"),
        "cloud-v3/search-jql.json": fragment(c, CLOUD, "/rest/api/3/search/jql", "get", "200"),
        "cloud-v3/user-search.json": fragment(c, CLOUD, "/rest/api/3/user/search", "get", "200"),
        "cloud-v3/user-assignable-search.json": fragment(c, CLOUD, "/rest/api/3/user/assignable/search", "get", "200"),
        "cloud-v3/remotelink-created.json": fragment(c, CLOUD, "/rest/api/3/issue/{issueIdOrKey}/remotelink", "post", "201"),
        "cloud-v3/remotelink-updated.json": fragment(c, CLOUD, "/rest/api/3/issue/{issueIdOrKey}/remotelink", "post", "200"),
        "cloud-v3/attachments.json": fragment(c, CLOUD, "/rest/api/3/issue/{issueIdOrKey}/attachments", "post", "200"),
        "cloud-v3/bulkfetch.json": fragment(c, CLOUD, "/rest/api/3/issue/bulkfetch", "post", "200"),
        "dc-v2/myself.json": fragment(d, DC, "/api/2/myself", "get", "200"),
        "dc-v2/server-info.json": fragment(d, DC, "/api/2/serverInfo", "get", "200"),
        "dc-v2/project.json": fragment(d, DC, "/api/2/project", "get", "200", *as_array_args()),
        "dc-v2/createmeta-issuetypes.json": fragment(d, DC, "/api/2/issue/createmeta/{projectIdOrKey}/issuetypes", "get", "200", *dc_page_args()),
        "dc-v2/createmeta-fields.json": fragment(d, DC, "/api/2/issue/createmeta/{projectIdOrKey}/issuetypes/{issueTypeId}", "get", "200", *dc_page_args()),
        "dc-v2/issue-created.json": fragment(d, DC, "/api/2/issue", "post", "201"),
        "dc-v2/issue.json": fragment(d, DC, "/api/2/issue/{issueIdOrKey}", "get", "200", relax_dc_issue_fields, [DC_FIELDS_NOTE]),
        "dc-v2/search.json": fragment(d, DC, "/api/2/search", "get", "200", relax_dc_issue_fields, [DC_FIELDS_NOTE]),
        "dc-v2/user-search.json": fragment(d, DC, "/api/2/user/search", "get", "200", *as_array_args()),
        "dc-v2/user-assignable-search.json": fragment(d, DC, "/api/2/user/assignable/search", "get", "200", *as_array_args()),
        "dc-v2/remotelink.json": fragment(d, DC, "/api/2/issue/{issueIdOrKey}/remotelink", "post", "200"),
        "dc-v2/error-collection.json": component(d, DC, "ErrorCollection", DC_ERROR_NOTE),
        "dc-v2/attachments.json": fragment(d, DC, "/api/2/issue/{issueIdOrKey}/attachments", "post", "200", *as_array_args()),
    }
    for name, doc in cuts.items():
        target = os.path.join(here, name)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(target, "w", encoding="utf-8") as out:
            json.dump(doc, out, indent=1, sort_keys=True, ensure_ascii=False)
            out.write("\n")
        print(f"{name}: {len(doc.get('$defs', {}))} definitions")


def as_array_args(extra=()):
    adapt, note = as_array(DC_ARRAY_NOTE)
    return adapt, [note, *extra]


def dc_page_args():
    adapt, note = dc_page(DC_PAGE_NOTE)
    return adapt, [note]


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
