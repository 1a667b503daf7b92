{application, counter,
 [{description, "Hotrel benchmark counter"},
  {vsn, "1.1.0"},
  {modules, [counter_app, counter_sup, counter_server]},
  {registered, [counter_sup, counter_server]},
  {applications, [kernel, stdlib]},
  {mod, {counter_app, []}}]}.
