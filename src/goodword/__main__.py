from goodword.cli.main import run

run()
