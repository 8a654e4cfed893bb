package statelab.harness.report;

/** The HTML around the lab's reports: one page style, escaping, images at chart width. */
final class HtmlPage {

    private HtmlPage() {
    }

    /** The page's start: doctype, title and style, up to the open body. */
    static String head() {
        return "<!doctype html>\n<html><head><meta charset=\"utf-8\"><title>statelab report</title>\n"
                + "<style>body{font-family:sans-serif;max-width:960px;margin:auto}"
                + "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}"
                + "td:first-child{text-align:left}.bad{color:#c00;font-weight:bold}</style></head><body>\n";
    }

    /** Text made safe to put inside HTML. */
    static String escape(String text) {
        return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** An image at the charts' width, in its own paragraph. */
    static String image(String file) {
        return "<p><img src=\"" + file + "\" width=\"" + Charts.WIDTH + "\"></p>\n";
    }
}
