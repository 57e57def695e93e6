"""The app's ``Camunda`` extension object, created unbound (the app factory initialises it)."""

from camunda_flask import Camunda

camunda = Camunda()
