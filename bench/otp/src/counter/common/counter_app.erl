%% Application callback of the benchmark's `counter' application.
%% The same source goes into both versions (1.0.0 and 1.1.0): only
%% counter_server changes between them, so the appups update only it.
-module(counter_app).
-behaviour(application).
-export([start/2, stop/1]).

start(_Type, _Args) ->
    counter_sup:start_link().

stop(_State) ->
    ok.
