"""Models: the small trained classifiers behind each axis's model component and the frames.

``features`` (tokenisation, TF-IDF), ``classify`` (the scikit-learn estimator, for training),
``linear`` (a loaded model at scoring time: a sparse dot product in pure Python),
``modelfile`` (the JSON model format: no pickle), ``predict`` (applying loaded models at
scoring time) and ``train`` (fitting a model from a labeled file). The shipped model files and
their cards live in ``framing/data/models/``. May import ``framing.errors``,
``framing.records``, ``framing.data``, ``framing.text`` and ``framing.axes`` (training checks
poles against the lexicon); never scoring, run, comparison or the CLI.
"""
