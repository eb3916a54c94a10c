"""The terminal face of gq-pods (Textual). It renders what gq_pods decides.

Screens ask; they do not decide. Every change to an open pod is asked of its
``PodSession`` (gq_pods.session), which holds the practice's rules and the undo
history; a screen renders the pod and says what happened in plain words.

Where CSS lives (one rule):

- The look of the app and of an open pod lives in the global stylesheets beside
  these modules: ``app.tcss`` (the app, home and forms) and ``pod.tcss`` (an open
  pod: its bar, tabs and panels). Panels and widgets that belong to a screen are
  styled there, by type or id, never in their own ``DEFAULT_CSS``.
- ``DEFAULT_CSS`` is only for what is self-contained and used anywhere: the
  modal boxes (``dialog.Dialog`` and its subclasses), and a few tiny widgets
  whose size is part of what they are (the save indicator, the map's key holder).
- No inline styles, except for what changes at run time (the map hides columns
  when narrow).
"""
