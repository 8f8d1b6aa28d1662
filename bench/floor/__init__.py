"""The bare-Django floor of `make bench`: what Django and gunicorn cost on their own, with no site behind them.

One view returning a fixed 8 KB page; no database, templates, sessions or middleware. Served by the same gunicorn
command line as the site (`gunicorn --config config/gunicorn.conf.py bench.floor.wsgi:application`), so every
page's throughput can be told as a share of it.
"""
