# Varnish 7 in front of gunicorn: keeps anonymous readers' pages until the site purges them (README, "A front
# cache"). Needs varnish-modules' xkey (Debian: apt-get install varnish varnish-modules). Run it with e.g.
#
#   varnishd -f /etc/varnish/magazine.vcl -a :80 -s malloc,1g
#
# and on every web host VARNISH_PURGE_URLS=http://<this varnish>:80/ (each Varnish, comma-separated).
# Set below: the backend's address (GUNICORN_BIND) and a host name it accepts (ALLOWED_HOSTS), and the
# `purgers` ACL: the web hosts' addresses.
#
# Which requests may be answered from the cache mirrors core/cache.py `is_cacheable_request`; which answers are
# kept is the site's to say: a page with `s-maxage` and its keys in `xkey`, or a static file (public,
# max-age). Anything else (a 404, a redirect, a private or no-store page, one setting a cookie) is fetched
# anew each time.
#
# X-Forwarded-For: Varnish appends the address it was reached from, so the site's TRUSTED_PROXIES must list
# Varnish's own address as gunicorn sees it and, when a TLS terminator or load balancer is in front, that
# one's address as Varnish sees it. The client is then the first address from the right that is not one of
# them (core/clientip.py); whatever the client put further left is never believed.

vcl 4.1;

import std;
import xkey;

backend default {
    .host = "127.0.0.1";  # gunicorn (GUNICORN_BIND)
    .port = "8000";
    .host_header = "127.0.0.1";  # for the probe: a name in ALLOWED_HOSTS (/healthz answers 400 to others)
    .probe = {
        .url = "/healthz";  # 200 while the database answers
        .interval = 5s;
        .timeout = 2s;
        .window = 5;
        .threshold = 3;
        .initial = 3;  # healthy from the start
    }
}

# Who may purge: the web hosts (each sends PURGE after its writes commit). Add their addresses or network.
acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    if (req.method == "PURGE") {
        # Straight from a purger: through a proxy on one of those addresses, X-Forwarded-For has two entries.
        if (client.ip !~ purgers || req.http.X-Forwarded-For ~ ",") {
            return (synth(403, "Forbidden"));
        }
        if (!req.http.xkey-purge) {
            return (synth(400, "No xkey-purge header"));
        }
        # A hard purge: a page the site changed is never served again, not even while it is being fetched anew.
        set req.http.n-gone = xkey.purge(req.http.xkey-purge);
        return (synth(200, "Purged " + req.http.n-gone + " objects"));
    }

    # Not cacheable, as core/cache.py says: other methods, the admin and /healthz, old WordPress links
    # (PASSED_PARAMETERS), a logged-in reader or one with a message waiting (SESSION_COOKIE_NAME, messages).
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    if (req.url ~ "^/(admin/|healthz)" || req.url ~ "[?&](p|page_id)(=|&|$)") {
        return (pass);
    }
    if (req.http.Cookie ~ "(^|;)\s*(sessionid|messages)=" || req.http.Authorization) {
        return (pass);
    }

    if (req.http.X-Forwarded-Proto != "https") {
        unset req.http.X-Forwarded-Proto;  # Django reads anything else as http: one copy, not one per value
    }

    # Pages read only these query parameters (PAGE_QUERY_PARAMETERS): file `?utm_source=...` links with the
    # page they show, and let no random query string fill the cache.
    if (req.url ~ "\?") {
        set req.url = regsuball(req.url, "(?<=[?&])(?!(?:page|q)=)[^&]*&?", "");
        set req.url = std.querysort(regsub(req.url, "[?&]+$", ""));
    }

    # A stale page only while gunicorn is down: while it is up, an expired page (next scheduled publish time)
    # is fetched anew before it is served.
    if (std.healthy(req.backend_hint)) {
        set req.grace = 0s;
    }

    # Other cookies (csrftoken, comment_author, reader, analytics...) are passed on, not hashed: a page that
    # reads one (the comments page, the report form) is private or sets a cookie, and is never kept; a page
    # the site marks for keeping is the same for every such reader, as the page cache holds.
    return (hash);
}

sub vcl_hash {
    # Pages link absolutely with the scheme they were asked with (core/cache.py page_key): https when the TLS
    # terminator says so (SECURE_PROXY_SSL_HEADER), else http; vcl_recv leaves no other value to hash.
    hash_data(req.http.X-Forwarded-Proto);
}

sub vcl_backend_response {
    if (!beresp.http.Cache-Control) {
        # Not marked for shared caches (a 404, a redirect): fetched anew each time (hit-for-miss).
        set beresp.ttl = 120s;
        set beresp.uncacheable = true;
        return (deliver);
    }
    if (beresp.http.xkey) {
        # A page made for every anonymous reader alike: one copy, not one per cookie (Vary: Cookie).
        set beresp.http.Vary = regsuball(beresp.http.Vary, "(?i)(^|,)\s*cookie\s*(?=,|$)", "");
        set beresp.http.Vary = regsub(beresp.http.Vary, "^\s*,\s*", "");
        if (beresp.http.Vary == "") {
            unset beresp.http.Vary;
        }
    }
    set beresp.grace = 6h;
    # Then the built-in rules: set-cookie, private, no-store, no-cache or a TTL of 0 are never kept.
}

sub vcl_deliver {
    unset resp.http.xkey;
    # Only this cache, which the site purges, may keep a page long: caches further on revalidate each time.
    set resp.http.Cache-Control = regsuball(resp.http.Cache-Control, "(,\s*)?s-maxage=\d+", "");
    if (resp.http.Cache-Control == "") {
        unset resp.http.Cache-Control;
    }
    if (obj.hits > 0) {
        set resp.http.X-Cache = "hit";
    } else {
        set resp.http.X-Cache = "miss";
    }
}
