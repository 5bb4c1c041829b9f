"""Only what pyproject.toml cannot say: the top-level templates/ folder is installed as the
package `policydocs.templates` (a find directive cannot add a package from outside src/)."""

from setuptools import find_packages, setup

setup(
    packages=[*find_packages("src"), "policydocs.templates"],
    package_dir={"": "src", "policydocs.templates": "templates"},
)
