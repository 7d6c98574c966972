"""briefs: French news briefs on Russia-Iran diplomacy, archived as YAML records."""

__version__ = "0.1.0"
