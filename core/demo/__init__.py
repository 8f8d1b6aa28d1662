"""Demo content for a fresh install: texts (content/), pictures drawn with Pillow (images), the seeding logic
(seed) and the staff accounts (accounts). Used by `python manage.py seed_demo`."""
