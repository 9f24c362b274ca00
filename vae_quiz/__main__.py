"""`python -m vae_quiz` runs the command-line interface."""

from vae_quiz.cli import main

raise SystemExit(main())
