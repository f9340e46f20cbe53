"""Antre's shipped data, installed as package data: site files, fonts, announcement clips and
the Debian package list. Code finds it with importlib.resources (shared.paths), so a checkout,
a wheel and a PyInstaller bundle read the same files."""
