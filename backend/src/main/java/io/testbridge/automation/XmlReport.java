package io.testbridge.automation;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.InputStream;

/**
 * A streaming reader of one XML report (StAX, with Woodstox: the JDK's parser builds a whole
 * attribute value in memory without a limit): DTDs and external entities off, and a document with
 * a DOCTYPE refused outright (no JUnit or TestNG report needs one; XXE and "billion laughs" need
 * it). Elements are read one at a time, nesting is bounded, an attribute is at most
 * {@value #MAX_ATTRIBUTE_CHARS} characters, text arrives in chunks and is kept only up to a bound.
 */
final class XmlReport implements AutoCloseable {
    private static final XMLInputFactory FACTORY = factory();

    private final String file;
    private final XMLStreamReader reader;
    private final ReportLimits limits;
    private int depth;

    XmlReport(String file, InputStream in, ReportLimits limits) {
        this.file = file;
        this.limits = limits;
        try {
            this.reader = FACTORY.createXMLStreamReader(in);
        } catch (XMLStreamException e) {
            throw problem(e);
        }
    }

    /** The longest attribute value read (a name is at most 1,000 characters; a failure message is cut to the detail bound anyway). */
    static final int MAX_ATTRIBUTE_CHARS = 4 * 1024 * 1024;

    /** Woodstox, made here (not found through the ServiceLoader, which could pick another parser from the class path). */
    private static XMLInputFactory factory() {
        XMLInputFactory factory = new com.ctc.wstx.stax.WstxInputFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, false);
        factory.setProperty(com.ctc.wstx.api.WstxInputProperties.P_MAX_ATTRIBUTE_SIZE, MAX_ATTRIBUTE_CHARS);
        return factory;
    }

    /** The next start or end of an element (text between is skipped); END_DOCUMENT at the end. */
    int nextTag() {
        try {
            while (reader.hasNext()) {
                int event = reader.next();
                switch (event) {
                    case XMLStreamConstants.DTD -> throw problem("the file has a DOCTYPE declaration; test reports never need one, "
                            + "and Testbridge does not read DTDs or entities");
                    case XMLStreamConstants.START_ELEMENT -> {
                        if (++depth > limits.maxDepth()) {
                            throw problem("elements are nested more than " + limits.maxDepth() + " deep");
                        }
                        return event;
                    }
                    case XMLStreamConstants.END_ELEMENT -> {
                        depth--;
                        return event;
                    }
                    case XMLStreamConstants.END_DOCUMENT -> {
                        return event;
                    }
                    default -> {
                        // text, comments, processing instructions between elements
                    }
                }
            }
            return XMLStreamConstants.END_DOCUMENT;
        } catch (XMLStreamException e) {
            throw problem(e);
        }
    }

    String name() {
        return reader.getLocalName();
    }

    String attribute(String name) {
        return reader.getAttributeValue(null, name);
    }

    int depth() {
        return depth;
    }

    int line() {
        return reader.getLocation() == null ? -1 : reader.getLocation().getLineNumber();
    }

    /** The text of the current element (nested elements' text included), up to the bound; leaves the reader at its end. */
    BoundedText text(BoundedText into) {
        int level = depth;
        char[] buffer = new char[4096];
        try {
            while (reader.hasNext()) {
                int event = reader.next();
                switch (event) {
                    case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                        int length = reader.getTextLength();
                        for (int from = 0; from < length; from += buffer.length) {
                            int got = reader.getTextCharacters(from, buffer, 0, Math.min(buffer.length, length - from));
                            into.append(buffer, 0, got);
                        }
                    }
                    case XMLStreamConstants.START_ELEMENT -> {
                        if (++depth > limits.maxDepth()) {
                            throw problem("elements are nested more than " + limits.maxDepth() + " deep");
                        }
                    }
                    case XMLStreamConstants.END_ELEMENT -> {
                        if (depth-- == level) {
                            return into;
                        }
                    }
                    case XMLStreamConstants.DTD -> throw problem("unexpected DOCTYPE declaration");
                    default -> {
                    }
                }
            }
            throw problem("the file ends inside <" + reader.getLocalName() + ">");
        } catch (XMLStreamException e) {
            throw problem(e);
        }
    }

    /** Skips the current element and everything in it. */
    void skip() {
        text(new BoundedText(0));
    }

    ReportProblem problem(String what) {
        return new ReportProblem(file, line(), what);
    }

    private ReportProblem problem(XMLStreamException e) {
        int line = e.getLocation() == null ? line() : e.getLocation().getLineNumber();
        return new ReportProblem(file, line, describe(e));
    }

    /**
     * The parser's message on one line, without its location (the file and line are named by the
     * problem): Woodstox ends its messages with "\n at [row,col {unknown-source}]: [3,12]".
     */
    static String describe(XMLStreamException e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        int at = message.indexOf("\n at [row,col");
        if (at >= 0) {
            message = message.substring(0, at);
        }
        message = message.replaceAll("\\s+", " ").strip();
        if (message.startsWith("Maximum attribute size limit")) {
            return "an attribute is too long (more than " + MAX_ATTRIBUTE_CHARS + " characters)";
        }
        return "not well-formed XML" + (message.isEmpty() ? "" : ": " + message);
    }

    @Override
    public void close() {
        try {
            reader.close();
        } catch (XMLStreamException e) {
            // nothing held
        }
    }
}
