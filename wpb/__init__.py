"""The WPB Assistant's application shell: settings and the `wpb` command line."""
