"""Reading and writing answer files (YAML/JSON); Excel import/export comes later."""
