"""A danger statement written in the real program, in a real terminal (tmux), at 80x24."""

from __future__ import annotations

from tests.terminal import import_pod, make_env, open_pod_in_terminal, small_pod


def test_a_statement_typed_in_a_real_terminal_is_composed_shown_and_saved(tmp_path):
    env = make_env(tmp_path / "home")
    pod = small_pod("Family T", team="North Team", current_stage="danger_statements")
    import_pod(env, pod, tmp_path)

    term = open_pod_in_terminal(env, "Family T")
    try:
        term.wait_for("No danger statements yet")
        term.send("a")
        term.wait_for("Who is worried?")
        term.type("The school [b]")
        term.wait_for("The school [b] is worried")  # the preview has the first part
        term.send("Tab")  # keys are handled in order: the text below lands after the Tab
        term.type("Dad shouts at Mum")
        screen = term.wait_for("The school [b] is worried that Dad shouts at Mum.")
        assert "Suggestions" in screen
        term.send("Escape")
        screen = term.wait_for("Still needs")
        assert "a safety goal" in screen
        term.send("C-q")
        assert term.exit_status() == 0
    finally:
        term.close()

    from storage.repository import Repository

    repo = Repository.open(f"sqlite:///{tmp_path / 'home' / 'data' / 'pods.sqlite3'}")
    try:
        stored = repo.get_pod(repo.list_pods()[0].id)
    finally:
        repo.close()
    statement = stored.danger_statements[0]
    assert statement.who_is_worried == "The school [b]"
    assert statement.behaviour == "Dad shouts at Mum"
    assert statement.text == "The school [b] is worried that Dad shouts at Mum."
