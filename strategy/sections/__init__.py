"""Reading the sections folder: YAML files with the position of every value, GeoJSON maps."""
