"""The tool's version: neutral like :mod:`shibai_xl.errors` (any layer may import it, it imports nothing).

It lives here and not in ``shibai_xl/__init__.py`` because the package root is a face: its ``main()`` is
the entry point of the retired fallback add-in, so a layer importing the root would import the faces."""
__version__ = "0.1.0"
