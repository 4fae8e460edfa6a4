# The text of the cmdlets' help. New-HelpFile.ps1 combines it with the cmdlets' own metadata (parameter types,
# positions, pipeline input) into en-US/ZooKeeperPS.dll-Help.xml.
@{
    'Connect-ZooKeeper' = @{
        Synopsis    = 'Opens a ZooKeeper session and makes it the default session of this runspace.'
        Description = @(
            'Connect-ZooKeeper connects to a standalone ZooKeeper server or an ensemble and returns a session object. The session becomes the default: every other ZooKeeperPS cmdlet uses it unless you pass -Session.'
            'The connection string lists one or more host:port pairs separated by commas, optionally followed by a chroot path (for example "zk1:2181,zk2:2181/app"): with a chroot, every path you use is relative to it. The client connects to a random server of the list and moves to another one by itself if its server goes away, keeping the same session, its ephemeral nodes and its watches.'
            'Connect-ZooKeeper never prompts. If no server answers within -ConnectTimeout it stops with a terminating error that names the servers it tried. Use -Verbose to see which server it connected to and the session id.'
        )
        Parameters  = @{
            ConnectionString = 'The servers to connect to: host:port[,host:port...][/chroot]. IPv6 addresses go in brackets ([::1]:2181). Typed without quotes, zk1:2181,zk2:2181 reaches the cmdlet as two strings, which are joined with commas. The default is 127.0.0.1:2181.'
            SessionTimeout   = 'How long the server keeps the session (and its ephemeral nodes) alive after losing contact with the client. The server may adjust it to its own limits; the granted value is in the Timeout property of the session. A TimeSpan (00:00:10) or a number of seconds (10). The default is 30 seconds.'
            ConnectTimeout   = 'How long to wait for the first server to accept the session before giving up: a TimeSpan or a number of seconds. The default is 15 seconds.'
            Credential       = "User name and password for -Authentication (digest authentication when -Authentication is not given). They are presented right after each connect, and again after every reconnect. The password stays a SecureString all the way to the client (digest passwords are packed or hashed only in pinned arrays cleared after use) and never appears in output, -Verbose or errors."
            Authentication   = 'How the session proves who it is. Digest: ZooKeeper''s digest scheme with -Credential (ACL id digest:user:hash). SaslDigest: a SASL DIGEST-MD5 login with -Credential, for servers with a JAAS DigestLoginModule (ACL id sasl:user). Kerberos: a SASL GSSAPI login with the current Kerberos ticket (kinit), or with -Credential a password login for that principal (ACL id sasl:user@REALM). The SASL login is done before any other request and again after every reconnect; a rejected login is a terminating AuthenticationError that names the mechanism. Kerberos needs PowerShell 7.3 or later (it uses the system GSSAPI library on Linux and macOS, SSPI on Windows) and connection strings that name the servers by the host names of their service principals.'
            ServicePrincipal = 'The SASL service principal as service/host, when the servers do not use the default: zookeeper/ followed by the host name dialled for Kerberos, zookeeper/zk-sasl-md5 for SaslDigest.'
            AllowReadOnly    = 'Accept a connection to a server that is cut off from the quorum and serves reads only (the server must run with readonlymode.enabled). Writes then fail with NotReadOnly errors until a read-write server is reached.'
            DriveName        = 'Also mounts the new session as a drive of this name for the ZooKeeper provider (-DriveName zk gives zk:), rooted at the root of the session (its chroot, if it has one), so that Set-Location zk:/, Get-ChildItem, Get-Content and the other item cmdlets work on its znodes. A ZooKeeper drive of that name is replaced; no drive is mounted without -DriveName. See about_ZooKeeperPS_Provider.'
            JuteMaxBuffer    = "The servers' jute.maxbuffer: the largest request the servers take and the largest reply the session reads, in bytes. The default, 1048575 (1 MB less one byte), is the servers' own default; raise it only together with the servers' setting. A larger request fails before it is sent with an InvalidArgument error."
            UseTls           = "Connects with TLS (1.2 or 1.3, as the operating system offers) to the servers' secureClientPort, which must be the port in the connection string. The host name of the connection string is sent to the server (SNI) and must match its certificate, and the certificate must chain to the machine's trust store or to -CertificateAuthority. Reconnects and moves to other servers use TLS too. The session's Tls property says whether it uses TLS."
            CertificateAuthority = 'The CA that signed the server certificates: a path to a PEM or DER file (.pem, .crt, .cer; a PEM file may hold several certificates) or an X509Certificate2. Only this CA is then trusted for the servers, not the machine trust store. Needs -UseTls. A server certificate that is refused (another CA, expired, another host name) fails the connect at once with ZooKeeper.TlsAuthenticationFailed and the reason, once every server of the connection string has refused it, without waiting for -ConnectTimeout; after the session is open, a refusing member is skipped and the session goes on with the others.'
            Certificate      = "A client certificate for mutual TLS (servers with ssl.clientAuth=need or want); the server then knows the session by the certificate's subject in the x509 scheme, as in an x509 ACL. An X509Certificate2 with its private key, a path to a PFX (PKCS#12) file (its password in -CertificatePassword), or a path to a PEM certificate with its unencrypted key in the same file or in -CertificateKeyPath. PEM keys need PowerShell 7; on Windows PowerShell 5.1 use a PFX file. Needs -UseTls."
            CertificatePassword = 'The password of the -Certificate PFX file, as a SecureString. It is never written to any output.'
            CertificateKeyPath = 'The PEM private key file (unencrypted PKCS#8, RSA or EC) of a -Certificate PEM file that does not hold its key.'
            SkipCertificateCheck = 'Accepts any server certificate: expired, self-signed, from an unknown CA or for another host name. The connection is still encrypted, but the server is not verified, so use it only in a lab. Connect-ZooKeeper writes a warning when it is used. Needs -UseTls.'
        }
        Examples    = @(
            @{ Code = 'Connect-ZooKeeper 127.0.0.1:2181'; Remarks = 'Connects to a local server. The session object is returned and becomes the default session.' }
            @{ Code = 'New-ZkNode /app -ErrorAction Ignore
$session = Connect-ZooKeeper ''zk1:2181,zk2:2181,zk3:2181/app'' -SessionTimeout 00:00:10
Get-ZkChildItem / -Session $session'; Remarks = 'Connects to an ensemble with the chroot /app and a 10-second session timeout: every path of that session is relative to /app, so Get-ZkChildItem / lists the children of /app. A chroot must exist, so the first line creates it from the session without one (if it is not there yet).' }
            @{ Code = '# In a real script, read the password from a vault (Get-Secret).
$password = ConvertTo-SecureString ''secret'' -AsPlainText -Force
$credential = [pscredential]::new(''admin'', $password)
Connect-ZooKeeper zk1:2181 -Credential $credential'; Remarks = 'Connects and authenticates as a digest user, without any prompt.' }
        )
        Links       = @('Disconnect-ZooKeeper', 'Get-ZkSession', 'about_ZooKeeperPS', 'about_ZooKeeperPS_Provider')
    }

    'Disconnect-ZooKeeper' = @{
        Synopsis    = 'Closes ZooKeeper sessions.'
        Description = @(
            'Disconnect-ZooKeeper closes the given sessions, or the default session when none is given. The server then deletes the ephemeral nodes the session owned and forgets its watches.'
            'A closed session cannot be used again; if it was the default session, there is no default session until the next Connect-ZooKeeper.'
        )
        Parameters  = @{
            Session = 'The sessions to close. The default is the default session of this runspace. Accepts sessions from the pipeline, for example from Get-ZkSession.'
        }
        Examples    = @(
            @{ Code = 'Disconnect-ZooKeeper'; Remarks = 'Closes the default session.' }
            @{ Code = 'Get-ZkSession | Disconnect-ZooKeeper'; Remarks = 'Closes every session opened in this runspace.' }
        )
        Links       = @('Connect-ZooKeeper', 'Get-ZkSession', 'about_ZooKeeperPS')
    }

    'Get-ZkSession' = @{
        Synopsis    = 'Lists the ZooKeeper sessions open in this runspace.'
        Description = @(
            'Get-ZkSession returns the sessions opened by Connect-ZooKeeper in this runspace and not yet closed, with their id, state, current server and granted timeout. ServerMode is the mode of the server the session is on (standalone, leader, follower, observer or read-only), which Get-ZkSession asks the server for with the srvr four-letter word (once per connection); it is empty when srvr is not in the server''s 4lw.commands.whitelist.'
            'Identities says who a session is authenticated as (scheme:id, such as sasl:alice, digest:bob or x509:CN=client1): the server''s answer to whoAmI (ZooKeeper 3.7 and later) when the session authenticated, at Connect-ZooKeeper with -Credential, -Authentication or -Certificate and after Add-ZkAuthentication; otherwise the identities the client presents. It never holds a password.'
        )
        Parameters  = @{
            Default = 'Return only the default session: the one that cmdlets use when -Session is not given.'
        }
        Examples    = @(
            @{ Code = 'Get-ZkSession'; Remarks = 'Lists the open sessions.' }
            @{ Code = '(Get-ZkSession -Default).State'; Remarks = 'Shows whether the default session is connected right now (Connected, Disconnected while it reconnects, Expired, ...).' }
            @{ Code = 'Get-ZkSession | Format-List Id, Server, Tls, Identities'; Remarks = 'Shows how each session is connected and who it is authenticated as.' }
        )
        Links       = @('Connect-ZooKeeper', 'Disconnect-ZooKeeper', 'about_ZooKeeperPS')
    }

    'New-ZkNode' = @{
        Synopsis    = 'Creates znodes.'
        Description = @(
            'New-ZkNode creates a znode with an optional value and returns it as a node object. Paths can come from the pipeline; many paths are created with their requests pipelined, up to 100 creates in one multi while earlier ones are in flight, and the nodes come out in input order. A multi that fails (a node exists, a parent is missing) is redone create by create, so each path gets its own node or error in its place.'
            'The value is a string (stored as UTF-8 unless -Encoding says otherwise), a byte array (stored as is), or a number, boolean or other scalar, stored as its invariant-culture text (42, True, 1.5 whatever the culture). A date needs the text form you choose, for example $date.ToString(''o''). Hashtables, objects and arrays other than bytes are errors: convert them to text first, for example with ConvertTo-Json.'
            'Path, Value, Data and Session bind from the pipeline by property name, so node objects can be piped in to copy them, to another path (-Path) or another cluster (-Session): the copy gets the exact bytes of the node''s Data, not its decoded Value. A copy is created persistent, even when the node piped in is ephemeral, unless you add -Ephemeral (or -Sequential, -Container, -Ttl); ACLs are not copied.'
            'A node is persistent unless -Ephemeral (deleted when the session ends), -Container (deleted by the server once its last child is gone) or -Ttl (deleted after it has had no children and no changes for that long) say otherwise. With -Sequential the server appends a 10-digit counter to the name; the returned node carries the real path.'
            'Errors concern one path each and do not stop the others: NodeExists (category ResourceExists) when the node is there already, NoNode (ObjectNotFound) when its parent is missing and -MakePath is not given.'
        )
        Parameters  = @{
            Path      = 'The absolute path of the node to create. With -Sequential, the prefix of the name (it may end with "/").'
            Value     = 'The data: a string (encoded with -Encoding), a byte array (stored as is), or a number, boolean or other scalar (stored as its invariant-culture text). Without it (and without -Data) the node holds empty data, as kazoo and Curator create it; -Value $null stores null data instead (kazoo reads it as None).'
            Data      = 'The data as exact bytes. A piped node object binds its Data here, and Data wins over its Value (the decoded text), so binary data is copied unchanged; a -Value given on the command line wins over a piped Data. A piped Data that is not a byte array is an error, and no node is created for it.'
            MakePath  = 'Create missing parent nodes too, as persistent nodes with empty data. Parents that already exist are fine.'
            Ephemeral = 'Create an ephemeral node: the server deletes it when this session closes or expires. Ephemeral nodes cannot have children.'
            Sequential = 'Append a unique, increasing 10-digit counter to the name. The returned node has the real path.'
            Protected = 'With -Sequential: put "_c_", a new GUID and "-" before the name, as Curator''s protection mode does (/jobs/job- becomes /jobs/_c_<guid>-job-0000000007). When the connection is lost after the create was sent, New-ZkNode looks for the node with that GUID and returns it (or creates it when it is not there) instead of reporting that the outcome is unknown. kazoo''s and Curator''s recipes recognise such names (kazoo''s lock orders its contenders by the number at the end).'
            Container = 'Create a container node: the server deletes it some time after its last child is deleted.'
            Ttl       = 'Create a node with a time to live: the server deletes it when it has had no children and has not been changed for this long. The server must have extended types enabled (zookeeper.extendedTypesEnabled=true). A TimeSpan (00:05:00) or a number of seconds (300).'
            Encoding  = 'How to turn a string -Value into bytes: utf8 (the default), unicode, bigendianunicode, utf32, ascii, latin1, an Encoding object or a code page number. Also used to decode Value in the output.'
            Acl       = 'The new node''s ACL: entries from New-ZkAcl (or Get-ZkAcl). The default is open to everybody (world:anyone, All). Parents created by -MakePath get the default ACL.'
        }
        Examples    = @(
            @{ Code = 'New-ZkNode /abc/JQK/XYZ/0001 -Value ''this is my house'' -MakePath'; Remarks = 'Creates the node and its missing parents /abc, /abc/JQK and /abc/JQK/XYZ.' }
            @{ Code = 'New-ZkNode /workers/worker- -Ephemeral -Sequential -Value ([Environment]::MachineName) -MakePath'; Remarks = 'Registers this machine as a worker: the node gets a unique name such as /workers/worker-0000000007 and disappears when the session ends; -MakePath creates /workers if it is missing.' }
            @{ Code = 'New-ZkNode /tasks/task- -Sequential -Protected -Value ''backup'' -MakePath'; Remarks = 'Queues a task exactly once even if the connection drops during the create: the node is named like /tasks/_c_0f8e…-task-0000000003, and a create whose reply was lost is confirmed by finding that GUID.' }
            @{ Code = '1..1000 | ForEach-Object { "/jobs/job$_" } | New-ZkNode -Value ([byte[]](1, 2, 3)) -MakePath'; Remarks = 'Creates a thousand nodes with the same three bytes (and /jobs once); the requests are pipelined.' }
        )
        Links       = @('Get-ZkNode', 'Set-ZkNode', 'Remove-ZkNode', 'about_ZooKeeperPS')
    }

    'Get-ZkNode' = @{
        Synopsis    = 'Gets the data and stat of znodes.'
        Description = @(
            'Get-ZkNode reads znodes and returns node objects: Path, Name, Value (the data as text), Data (the exact bytes), Version, ChildCount, DataLength, Created, Modified, EphemeralOwner, Stat (with ZooKeeper''s own field names czxid, mzxid, ctime, mtime, version, cversion, aversion, ephemeralOwner, dataLength, numChildren, pzxid) and Session.'
            'Paths can come from arguments or from the pipeline (strings, names from Get-ZkChildItem -Name, or objects with a Path property). Many paths are read with their requests pipelined; the nodes come out in input order, and a missing node is a non-terminating ObjectNotFound error for that path only.'
            'Paths take wildcards, expanded against the live tree one name at a time as the FileSystem provider does: /app/* reads every child of /app, /app/db-? and /app/[ab]* what their patterns match (case-sensitive, like ZooKeeper paths). A pattern that matches nothing is an ObjectNotFound error (ZooKeeper.NoNode). A path that names an existing node exactly is that node, so a piped node whose name contains * or ? never stands for its siblings; use -LiteralPath for paths to take exactly as written.'
        )
        Parameters  = @{
            Path     = 'The absolute paths of the nodes to read. Wildcards (*, ?, [abc]) match the names of existing nodes; a backtick escapes one.'
            LiteralPath = 'The absolute paths of the nodes to read, exactly as written: *, ? and [ are parts of names. Alias: LP.'
            Encoding = 'How to decode the data into Value: utf8 (the default), unicode, bigendianunicode, utf32, ascii, latin1, an Encoding object or a code page number. Data always holds the raw bytes.'
            Sync     = 'Send a sync first (once per session), so that the server the session is on catches up with the leader and the reads see every change committed before the command started. A ZooKeeper server may otherwise lag a little behind the leader; use it when another client''s write must be visible, for example right after a notification through another session.'
            DescendantCount = 'Also count every node below each node, at any depth (getAllChildrenNumber, ZooKeeper 3.6 and later), into the DescendantCount property of its output; without it DescendantCount is empty. It costs one more request per node; for piped nodes those requests are in flight together, behind the reads.'
        }
        Examples    = @(
            @{ Code = 'New-ZkNode /abc/JQK/XYZ/0001 -Value ''this is my house'' -MakePath
Get-ZkNode /abc/JQK/XYZ/0001 | Select-Object Value, Version, Stat'; Remarks = 'Creates a node, then shows its value, its version and its full stat.' }
            @{ Code = '''/config/cache'', ''/config/log'' | New-ZkNode -Value ''on'' -MakePath
Get-ZkNode /config/*'; Remarks = 'Reads every child of /config: wildcards in -Path are expanded against the live tree.' }
            @{ Code = 'New-ZkNode /certs/ca -Value ([byte[]](48, 130, 1, 10)) -MakePath
[System.IO.File]::WriteAllBytes((Join-Path $PWD ''ca.der''), (Get-ZkNode /certs/ca).Data)'; Remarks = 'Writes the exact bytes of a node (its Data, not its decoded Value) to a file.' }
            @{ Code = '''/app/a/1'', ''/app/a/2'', ''/app/b'' | New-ZkNode -MakePath
Get-ZkNode /app -DescendantCount -Sync | Select-Object Path, ChildCount, DescendantCount'; Remarks = 'Shows that /app has 2 children and 4 nodes below it in all, read after a sync with the leader.' }
        )
        Links       = @('Get-ZkChildItem', 'Set-ZkNode', 'New-ZkNode', 'about_ZooKeeperPS')
    }

    'Set-ZkNode' = @{
        Synopsis    = 'Overwrites the data of znodes.'
        Description = @(
            'Set-ZkNode replaces the data of a node. Each write increments the node''s version. With -Version the write happens only if the node is still at that version (compare-and-set); otherwise it fails with a BadVersion error (category InvalidOperation) and the data is left alone.'
            'Path, Value, Data and Session bind from the pipeline by property name, so Import-Csv output with Path and Value columns, or node objects, can be piped in; a piped node writes the exact bytes of its Data, not its decoded Value. Writes are pipelined and errors are reported per path.'
        )
        Parameters  = @{
            Path     = 'The absolute path of the node to write.'
            Value    = 'The new data: a string (encoded with -Encoding), a byte array (stored as is), or a number, boolean or other scalar, stored as its invariant-culture text (Set-ZkNode /app/port 2181). Hashtables and objects are errors: convert them with ConvertTo-Json first. $null stores null data, an empty string empty data. Give -Value or -Data.'
            Data     = 'The new data as exact bytes. A piped node object binds its Data here, and Data wins over its Value (the decoded text), so binary data is written unchanged; a -Value given on the command line wins over a piped Data.'
            Version  = 'Write only if the node''s current version is this one. The default, -1, writes whatever the version.'
            Encoding = 'How to turn a string -Value into bytes: utf8 (the default), unicode, bigendianunicode, utf32, ascii, latin1, an Encoding object or a code page number.'
            PassThru = 'Return the node as written, with its new stat.'
        }
        Examples    = @(
            @{ Code = 'New-ZkNode /abc/JQK/XYZ/0001 -Value ''this is my house'' -MakePath
Set-ZkNode /abc/JQK/XYZ/0001 ''this is my horse!'' -PassThru'; Remarks = 'Changes the value and shows the node; its version is now one higher.' }
            @{ Code = '''/app/url'', ''/app/pool'' | New-ZkNode -MakePath
Set-Content settings.csv ''Path,Value'', ''/app/url,postgres://db:5432'', ''/app/pool,20''
Import-Csv settings.csv | Set-ZkNode'; Remarks = 'Writes every row of a CSV file with the columns Path and Value to the nodes it names.' }
            @{ Code = 'New-ZkNode /counter -Value 0
$node = Get-ZkNode /counter
Set-ZkNode /counter ([int]$node.Value + 1) -Version $node.Version'; Remarks = 'Increments a counter only if nobody else changed it in between (otherwise a BadVersion error); the number is stored as its text.' }
        )
        Links       = @('Get-ZkNode', 'New-ZkNode', 'about_ZooKeeperPS')
    }

    'Remove-ZkNode' = @{
        Synopsis    = 'Deletes znodes, or whole subtrees with -Recurse.'
        Description = @(
            'Remove-ZkNode deletes nodes. A node that has children is only deleted with -Recurse; without it the error (category InvalidOperation, id ZooKeeper.NotEmpty) says to use -Recurse. There is no other prompt than the one -Confirm asks for.'
            'With -Recurse the subtree goes in multis of a few hundred deletes, several in flight, with progress; only nodes that have children are listed. A node this session may not delete is a PermissionDenied error (ZooKeeper.NoAuth), and the nodes above it are kept. -WhatIf and -Confirm say how many nodes each subtree holds; -Verbose says how many were deleted. Paths from the pipeline are deleted with their requests pipelined, up to 100 deletes in one multi while earlier ones are in flight; a multi that fails (a node is missing, has children or another version) is redone delete by delete, so each path gets its own error.'
            'Paths take wildcards, as Get-ZkNode does: Remove-ZkNode /jobs/job-* deletes the matching children of /jobs, each one its own ShouldProcess target, so -WhatIf lists them. Use -LiteralPath for paths to take exactly as written.'
        )
        Parameters  = @{
            Path    = 'The absolute paths of the nodes to delete. Wildcards (*, ?, [abc]) match the names of existing nodes. The root node / cannot be deleted: use Clear-ZooKeeper to empty a tree.'
            LiteralPath = 'The absolute paths of the nodes to delete, exactly as written: *, ? and [ are parts of names. Alias: LP.'
            Recurse = 'Delete the nodes with everything under them.'
            Version = 'Delete only if the node''s current version is this one (with -Recurse: checked before anything is deleted). The default, -1, deletes whatever the version.'
        }
        Examples    = @(
            @{ Code = 'New-ZkNode /abc/JQK/XYZ/0001 -MakePath
Remove-ZkNode /abc -Recurse -WhatIf
Remove-ZkNode /abc -Recurse'; Remarks = 'Shows how many nodes removing /abc would delete (4), then deletes /abc and its whole subtree.' }
            @{ Code = '''/jobs/job-1'', ''/jobs/job-2'', ''/jobs/keep'' | New-ZkNode -MakePath
Remove-ZkNode /jobs/job-*'; Remarks = 'Deletes the children of /jobs whose names start with job-, and keeps /jobs/keep.' }
            @{ Code = 'New-ZkNode /sessions/s1 -MakePath
Get-ZkChildItem /sessions -Recurse | Where-Object Modified -lt (Get-Date).AddDays(-7) | Remove-ZkNode -WhatIf'; Remarks = 'Shows which nodes under /sessions are older than a week and would be deleted, without deleting anything.' }
        )
        Links       = @('Clear-ZooKeeper', 'New-ZkNode', 'Get-ZkChildItem', 'about_ZooKeeperPS')
    }

    'Get-ZkChildItem' = @{
        Synopsis    = 'Lists the children of a znode, or a whole subtree.'
        Description = @(
            'Get-ZkChildItem returns the children of a node as node objects with their data and stat, sorted by name. With -Name it returns only the names (with -Recurse, paths relative to -Path), as kazoo''s get_children does; each name carries its node''s full path (a Path note property), so names can be piped on: Get-ZkChildItem /config -Name | Get-ZkNode reads the children of /config.'
            '-Path takes wildcards, as Get-ZkNode does: Get-ZkChildItem /app/* lists the children of every child of /app. Use -LiteralPath for a path to take exactly as written.'
            'With -Recurse or -Depth it walks the subtree depth-first with many requests in flight; a parent always comes before its children. Results stream: the first node comes out long before the walk of a large tree ends, and memory stays flat. -Filter keeps only names matching a wildcard pattern, but the walk still goes through the other nodes.'
        )
        Parameters  = @{
            Path     = 'The node whose children to list. The default is the root, /. Wildcards (*, ?, [abc]) list the children of every matching node.'
            LiteralPath = 'The node whose children to list, exactly as written: *, ? and [ are parts of names. Alias: LP.'
            Filter   = 'A wildcard pattern (such as "job*") that the child names must match to be returned. Case-insensitive.'
            Recurse  = 'List the whole subtree, not just the children.'
            Depth    = 'How many levels below the children to descend: 0 lists only the children, 1 also their children, and so on. Implies -Recurse.'
            Name     = 'Return names (strings) instead of node objects. Faster: the nodes'' data is not read. Each name carries its node''s full path, so piping names to Get-ZkNode, Set-ZkNode or Remove-ZkNode acts on the right nodes.'
            Encoding = 'How to decode each node''s data into Value: utf8 (the default), unicode, bigendianunicode, utf32, ascii, latin1, an Encoding object or a code page number.'
            Sync     = 'Send a sync first (once per session), so that the server the session is on catches up with the leader and the listing sees every change committed before the command started.'
        }
        Examples    = @(
            @{ Code = 'Get-ZkChildItem / -Name'; Remarks = 'Lists the names at the root, for example abc and zookeeper.' }
            @{ Code = 'New-ZkNode /app/db/url -Value ''postgres://db:5432'' -MakePath
Get-ZkChildItem /app -Recurse | Where-Object DataLength -gt 0 | Format-Table Path, Value'; Remarks = 'Shows every node under /app that holds data.' }
            @{ Code = '''/locks/lock-0001'', ''/locks/lock-0002'', ''/locks/other'' | New-ZkNode -MakePath
Get-ZkChildItem /locks -Filter ''lock-*'' | Sort-Object Created'; Remarks = 'Lists the lock nodes, oldest first.' }
            @{ Code = 'New-ZkNode /config/db/url -Value ''postgres://db:5432'' -MakePath
Get-ZkChildItem /config -Recurse -Name | Get-ZkNode'; Remarks = 'Reads the whole subtree of /config by name: each name carries its node''s path, so names pipe on.' }
        )
        Links       = @('Get-ZkNode', 'Remove-ZkNode', 'about_ZooKeeperPS')
    }

    'Register-ZkWatch' = @{
        Synopsis    = 'Watches a znode or a subtree and delivers its events to the PowerShell event queue.'
        Description = @(
            'Register-ZkWatch works like Register-ObjectEvent. Each ZooKeeper watch event becomes a PowerShell event that Wait-Event and Get-Event return, or that runs the -Action script block. The event''s SourceEventArgs is a ZooKeeperPS.ZkWatchEvent with Path, EventType (NodeCreated, NodeDeleted, NodeDataChanged, NodeChildrenChanged), State and Session; $Event.MessageData holds -MessageData.'
            'By default the watch keeps firing until you run Unregister-Event: a persistent watch on the node that reports data changes, creation, deletion and changes to its children (servers older than 3.6 get one-shot watches that are set again after each event). -Recursive watches every node of the subtree. -Once sets ZooKeeper''s classic one-shot watch: one event, then the subscription ends. Unregister-Event also removes the watch from the server.'
            'With -Action the cmdlet returns the PSEventJob that runs the action, as Register-ObjectEvent does; otherwise it returns nothing.'
        )
        Parameters  = @{
            Path             = 'The node to watch. It does not have to exist: its creation is an event too (except with -Children -Once, which needs the node).'
            Children         = 'Report only changes to the node''s list of children (NodeChildrenChanged) and its deletion.'
            Recursive        = 'Watch the node and every node below it, including nodes created later.'
            Once             = 'Set a one-shot watch: after the first event the watch and the subscription end (unless -MaxTriggerCount says otherwise).'
            SourceIdentifier = 'A name for the subscription, used by Wait-Event, Get-Event and Unregister-Event. The default is a new GUID.'
            Action           = 'A script block to run for each event instead of queueing it. It sees $Event, $EventArgs (the ZkWatchEvent), $Sender and $EventSubscriber.'
            MessageData      = 'Any object to pass along with every event, as $Event.MessageData.'
            MaxTriggerCount  = 'End the subscription (and remove the watch) after this many events. 0, the default, means never.'
            SupportEvent     = 'Hide the subscription and its events from Get-EventSubscriber and Get-Event, for use inside modules and scripts that handle the events themselves.'
            Forward          = 'Send the events to the session that started this remote session.'
        }
        Examples    = @(
            @{ Code = 'New-ZkNode /abc/JQK/XYZ/0001 -Value ''this is my house'' -MakePath
Register-ZkWatch /abc/JQK/XYZ/0001 -SourceIdentifier house
Set-ZkNode /abc/JQK/XYZ/0001 ''this is my horse!''
(Wait-Event -SourceIdentifier house -Timeout 5).SourceEventArgs
Unregister-Event house'; Remarks = 'Watches a node, changes it, and reads the NodeDataChanged event from the event queue.' }
            @{ Code = 'Register-ZkWatch /config -Recursive -Action { Write-Host "$($EventArgs.EventType) $($EventArgs.Path)" }'; Remarks = 'Prints every change anywhere under /config as it happens; returns the PSEventJob running the action.' }
            @{ Code = 'New-ZkNode /workers
Register-ZkWatch /workers -Children -Once -SourceIdentifier workers
New-ZkNode /workers/worker- -Ephemeral -Sequential
Wait-Event workers -Timeout 5'; Remarks = 'Waits up to 5 seconds for a worker to join or leave /workers (here this session registers one): a one-shot watch on the children.' }
        )
        Links       = @('Wait-Event', 'Get-Event', 'Unregister-Event', 'Register-ObjectEvent', 'about_ZooKeeperPS')
    }

    'Clear-ZooKeeper' = @{
        Synopsis    = 'Deletes everything under a path, except the /zookeeper system tree.'
        Description = @(
            'Clear-ZooKeeper deletes every node under a path (the root, /, by default) with its whole subtree. It never deletes the /zookeeper system tree, and it keeps the node at -Path itself.'
            'Its confirm impact is High, so it asks before deleting each top-level node unless -Force or -Confirm:$false is given. -WhatIf lists each top-level node that would be deleted, with the number of nodes in its subtree, and deletes nothing, even with -Force. -Verbose says how many nodes were deleted.'
        )
        Parameters  = @{
            Path  = 'The node to empty. The default is the root, /.'
            Force = 'Do not ask for confirmation. -WhatIf still only shows what would be deleted.'
        }
        Examples    = @(
            @{ Code = 'Clear-ZooKeeper -WhatIf'; Remarks = 'Lists the top-level nodes that Clear-ZooKeeper would delete, each with the number of nodes in its subtree.' }
            @{ Code = 'Clear-ZooKeeper -Force'; Remarks = 'Deletes everything but /zookeeper, without asking.' }
            @{ Code = 'New-ZkNode /test/a/b -MakePath
Clear-ZooKeeper /test -Confirm:$false'; Remarks = 'Empties /test and keeps /test itself.' }
        )
        Links       = @('Remove-ZkNode', 'about_ZooKeeperPS')
    }

    'Get-ZkAcl' = @{
        Synopsis    = 'Reads the ACLs of znodes.'
        Description = @(
            'Get-ZkAcl reads the access control list of each node and emits one ZkAclEntry per entry: the node''s Path, the Scheme (world, auth, digest, ip, x509, sasl), the Id within the scheme, the Permissions (Read, Write, Create, Delete, Admin, All), the same as zkCli''s letters in Letters (cdrwa for All), and the node''s AclVersion (its aversion), which Set-ZkAcl -Version expects.'
            'Paths come from arguments or the pipeline (strings, or objects with a Path property such as those of Get-ZkChildItem). -Recurse also reads the ACL of every node below each path, the node first. A denial is a ZooKeeper.NoAuth error (category PermissionDenied): reading an ACL needs the Read or the Admin permission.'
        )
        Parameters  = @{
            Path    = 'The nodes whose ACL to read. Accepts strings and objects with a Path property from the pipeline.'
            Recurse = 'Also read the ACL of every node below each path.'
        }
        Examples    = @(
            @{ Code = 'Get-ZkAcl /'; Remarks = 'Shows the ACL of the root node; on a new server it is world:anyone with All.' }
            @{ Code = 'New-ZkNode /app/config/db -MakePath
Get-ZkAcl /app -Recurse'; Remarks = 'Shows the ACLs of /app and of every node below it, node by node.' }
            @{ Code = 'Get-ZkChildItem / | Get-ZkAcl | Where-Object Scheme -eq world'; Remarks = 'Lists the entries that admit everybody on the top-level nodes.' }
        )
        Links       = @('Set-ZkAcl', 'New-ZkAcl', 'Get-ZkIdentity', 'about_ZooKeeperPS')
    }

    'Set-ZkAcl' = @{
        Synopsis    = 'Replaces the ACLs of znodes.'
        Description = @(
            'Set-ZkAcl replaces the access control list of each node by the given entries (from New-ZkAcl or Get-ZkAcl). Entries can also come from the pipeline: the entries piped for a node form its new ACL, set when the input ends.'
            'With -Version the change happens only if the node''s ACL version (its aversion, the AclVersion of Get-ZkAcl) is still that number; otherwise the error is ZooKeeper.BadVersion (InvalidOperation) and nothing changes. -Recurse sets the ACL of the node and of every node below it; the subtree is listed before anything changes. Changing an ACL needs the Admin permission on the node: a denial is a ZooKeeper.NoAuth error. -WhatIf lists the nodes that would change and changes none.'
        )
        Parameters  = @{
            Path    = 'The nodes whose ACL to replace. Accepts objects with a Path property from the pipeline (Get-ZkNode, Get-ZkChildItem, Get-ZkAcl).'
            Acl     = 'The new ACL: one or more entries from New-ZkAcl or Get-ZkAcl. Accepts entries from the pipeline.'
            Version = 'The ACL version the node must have (the AclVersion from Get-ZkAcl). Without it the ACL is replaced whatever its version. Cannot be combined with -Recurse.'
            Recurse = 'Set the ACL of every node below each path too.'
            WhatIf  = 'Show the nodes whose ACL would be replaced, without changing any.'
            Confirm = 'Ask before replacing the ACL of each node.'
        }
        Examples    = @(
            @{ Code = 'New-ZkNode /app/settings/db -MakePath
Set-ZkAcl /app/settings -Acl (New-ZkAcl -ReadOnlyWorld), (New-ZkAcl -Ip 127.0.0.1) -Recurse -WhatIf'; Remarks = 'Shows that /app/settings and /app/settings/db would become readable by everybody and fully usable from 127.0.0.1; changes nothing.' }
            @{ Code = 'New-ZkNode /app/limits -MakePath
$version = (Get-ZkAcl /app/limits)[0].AclVersion
Set-ZkAcl /app/limits -Acl (New-ZkAcl -World -Permission Read, Write, Admin) -Version $version'; Remarks = 'A compare-and-set: replaces the ACL only if nobody changed it since it was read.' }
            @{ Code = 'New-ZkNode /app/shared -MakePath
Set-ZkAcl /app/shared -Acl (@(Get-ZkAcl /app/shared) + (New-ZkAcl -Ip 10.0.0.0/8 -Permission Read))'; Remarks = 'Adds an entry to the existing ACL.' }
            @{ Code = 'New-ZkNode /app/public -MakePath
New-ZkAcl -World -Permission Read | Set-ZkAcl /app/public'; Remarks = 'Pipes the new ACL in: /app/public becomes read-only for everybody.' }
        )
        Links       = @('Get-ZkAcl', 'New-ZkAcl', 'New-ZkNode', 'about_ZooKeeperPS')
    }

    'New-ZkAcl' = @{
        Synopsis    = 'Builds ACL entries for Set-ZkAcl and New-ZkNode -Acl.'
        Description = @(
            'New-ZkAcl returns one ZkAclEntry, for one identity: everybody (-World, the default), an address or network (-Ip), a digest user (-Digest -Credential), a client certificate (-X509 -Subject), a SASL user or Kerberos principal (-Sasl -User) or the authenticated creator (-Auth), with the permissions of -Permission (All by default). It talks to no server.'
            'For -Digest the entry''s id is user:Base64(SHA1(user:password)), the same as kazoo''s make_digest_acl and ZooKeeper''s DigestAuthenticationProvider compute; the password is used for that alone and never kept or shown. Two presets: -CreatorAll (auth, All: the identities of the session that creates or sets it) and -ReadOnlyWorld (world:anyone, Read). To make an ACL of several entries, list several New-ZkAcl calls separated by commas or pipe them.'
        )
        Parameters  = @{
            World         = 'Everybody: the world:anyone identity. This is the default when no other identity is given.'
            Ip            = 'An IPv4 or IPv6 address, or a network as address/bits (10.0.0.0/8), for the ip scheme.'
            Digest        = 'A digest user: the id is computed from -Credential.'
            Credential    = 'The digest user name and password. The password never leaves the computation of the id.'
            X509          = 'A client certificate, named by -Subject (x509 scheme; needs a TLS connection with client certificates on the server).'
            Subject       = 'The subject distinguished name of the client certificate, as the server reports it (for example CN=client1,OU=ops,O=example).'
            Sasl          = 'A SASL identity, named by -User (sasl scheme).'
            User          = 'The SASL user name (DIGEST-MD5) or Kerberos principal.'
            Auth          = 'The authenticated creator: the auth scheme with an empty id, which the server replaces by every identity the session has authenticated.'
            CreatorAll    = 'The preset auth, All (ZooKeeper''s CREATOR_ALL_ACL): full control for the identities of the session that sets it. The session must have authenticated.'
            ReadOnlyWorld = 'The preset world:anyone, Read (ZooKeeper''s READ_ACL_UNSAFE).'
            Permission    = 'What the identity may do: Read, Write, Create, Delete, Admin or All, or a list of them (Read, Write), or zkCli''s letters c (Create), d (Delete), r (Read), w (Write), a (Admin) in any order, such as cdrwa or rw. A character that is neither is refused, naming it. The default is All. The entry shows the letters in its Letters property, as zkCli''s getAcl prints them.'
        }
        Examples    = @(
            @{ Code = 'New-ZkAcl -World -Permission Read'; Remarks = 'An entry that lets everybody read.' }
            @{ Code = 'New-ZkAcl -Ip 127.0.0.1 -Permission cdrwa'; Remarks = 'An entry with zkCli''s letters: everything for clients on this machine. It prints as ip:127.0.0.1:cdrwa, the form zkCli''s setAcl takes.' }
            @{ Code = '$cred = [pscredential]::new("alice", (ConvertTo-SecureString "alice-secret" -AsPlainText -Force))
New-ZkAcl -Digest -Credential $cred -Permission Read, Write'; Remarks = 'A digest entry for alice; its Id is alice:<hash of the password>. (In a script, take the password from a secret store rather than from the script text.)' }
            @{ Code = 'New-ZkNode /app/private -MakePath -Acl (New-ZkAcl -Ip 127.0.0.1), (New-ZkAcl -ReadOnlyWorld)'; Remarks = 'Creates a node that everybody may read and only clients on this machine may change; /app gets the default open ACL.' }
            @{ Code = 'New-ZkAcl -X509 -Subject "CN=client1,OU=ops,O=example" -Permission Read'; Remarks = 'An entry for the client certificate with that subject.' }
        )
        Links       = @('Set-ZkAcl', 'Get-ZkAcl', 'New-ZkNode', 'Add-ZkAuthentication', 'about_ZooKeeperPS')
    }

    'Add-ZkAuthentication' = @{
        Synopsis    = 'Adds credentials or a SASL login to an open session, as zkCli''s addauth does.'
        Description = @(
            'Add-ZkAuthentication authenticates a live session: with digest credentials (the default) the server adds the identity digest:user, with -Authentication SaslDigest or Kerberos it runs a SASL login (DIGEST-MD5 or GSSAPI) on the current connection and adds sasl:user. ACL entries for that identity admit the session from then on. The client keeps the credentials and presents them again after every reconnect, so the identity survives a move to another server. A session may add several digest identities but has at most one SASL login (ZooKeeper takes one per connection): a second one is refused with ZooKeeper.SaslLoginExists before anything is sent.'
            'A SASL login the server rejects is a terminating AuthFailed error (category AuthenticationError) that names the mechanism and the user; the server drops that connection and the session reconnects without the login. While the session is disconnected the login fails with ConnectionLoss and nothing is sent. Afterwards the session''s Identities (Get-ZkSession) say who it is authenticated as.'
            'The password goes to the client as the SecureString of the PSCredential, and is never written to the output, the -Verbose stream, errors or the session object. To authenticate from the start, use Connect-ZooKeeper -Credential or -Authentication.'
        )
        Parameters  = @{
            Authentication   = 'Digest (the default; also -Scheme digest): the digest scheme''s user and password. SaslDigest: a SASL DIGEST-MD5 login with -Credential, for servers with a JAAS DigestLoginModule. Kerberos: a SASL GSSAPI login with the current ticket, or with -Credential a password login for that principal (PowerShell 7.3 or later).'
            Credential       = 'The user name and password (optional for Kerberos). Given without a password, it is not prompted for: the cmdlet never prompts.'
            ServicePrincipal = 'The SASL service principal as service/host, for SaslDigest and Kerberos, as Connect-ZooKeeper -ServicePrincipal.'
        }
        Examples    = @(
            @{ Code = '$cred = [pscredential]::new("alice", (ConvertTo-SecureString "alice-secret" -AsPlainText -Force))
Add-ZkAuthentication -Credential $cred
Get-ZkIdentity'; Remarks = 'Authenticates the default session as alice; Get-ZkIdentity then lists digest:alice beside the ip identity.' }
            @{ Code = '$bob = [pscredential]::new("bob", (ConvertTo-SecureString "bob-secret" -AsPlainText -Force))
Add-ZkAuthentication $bob
New-ZkNode /app/bob -MakePath -Value "for bob" -Acl (New-ZkAcl -CreatorAll)
Get-ZkAcl /app/bob'; Remarks = 'Creates a node that only the identities of this session (digest users) may use: the auth entry becomes one digest entry per identity.' }
        )
        Links       = @('Get-ZkIdentity', 'Connect-ZooKeeper', 'New-ZkAcl', 'about_ZooKeeperPS')
    }

    'Get-ZkIdentity' = @{
        Synopsis    = 'Lists the identities the server holds for a session (who am I).'
        Description = @(
            'Get-ZkIdentity asks the server (whoAmI, ZooKeeper 3.7 and later) which identities it holds for the session: the ones its ACL checks are made against, such as ip:127.0.0.1 for the client''s address, digest:alice after Add-ZkAuthentication or Connect-ZooKeeper -Credential, x509 or sasl identities. On an older server the error is ZooKeeper.NotSupported.'
        )
        Parameters  = @{}
        Examples    = @(
            @{ Code = 'Get-ZkIdentity'; Remarks = 'Lists the identities of the default session.' }
            @{ Code = 'Get-ZkSession | Get-ZkIdentity'; Remarks = 'Lists the identities of every session open in this runspace.' }
        )
        Links       = @('Add-ZkAuthentication', 'Get-ZkAcl', 'Get-ZkSession', 'about_ZooKeeperPS')
    }

    # Subtrees (issue 15): Export-, Import-, Copy-, Compare-, Sync-ZkTree.
    'Export-ZkTree' = @{
        Synopsis    = 'Exports a subtree, with every node''s bytes, ACL and stat, to a tree file or to the pipeline.'
        Description = @(
            'Export-ZkTree reads the node at -Path and everything below it, the root first and every parent before its children, with each node''s data (byte for byte; null data stays distinct from empty data), its ACL and its stat. With -Destination it writes a tree file: one JSON object per line, a header with the format version, source, time and zxid, one line per node and a closing line with the node count and a SHA-256 checksum, so a truncated or damaged file is refused on import. The format is described in about_ZooKeeperPS_Subtrees. Without -Destination it writes ZkTreeRecord objects to the pipeline, which Import-ZkTree takes.'
            'Reads are pipelined (multiRead where the server has it) and memory stays flat on large trees. Ephemeral nodes are left out unless -IncludeEphemeral is given; exporting / leaves out the /zookeeper system tree. A node that cannot be read is a non-terminating error that names it; a lost connection ends the export with a terminating error (a file written so far has no closing line and reads as truncated). -Verbose gives the node count and time at the end.'
        )
        Parameters  = @{
            Path             = 'The root of the subtree to export.'
            Destination      = 'The tree file to write; an existing file is replaced. Without it, the records go to the pipeline.'
            IncludeEphemeral = 'Also export ephemeral nodes. An import creates them as persistent nodes (their owner is a session of the source).'
            Exclude          = 'Wildcard patterns: a node whose name, or whose path below -Path (such as /a/b), matches one of them is left out with its whole subtree.'
        }
        Examples    = @(
            @{ Code = 'New-ZkNode /config/db/url -Value ''postgres://db:5432'' -MakePath
Export-ZkTree /config -Destination ./config.zktree -Verbose'; Remarks = 'Writes /config and everything below it to the file config.zktree; -Verbose tells how many nodes were exported.' }
            @{ Code = 'New-ZkNode /config/db/url -Value ''postgres://db:5432'' -MakePath
New-ZkNode /config/secrets/token -Value ''s3cr3t'' -MakePath
Export-ZkTree /config -Exclude secrets | Select-Object Path, Value'; Remarks = 'Lists the exported records of /config without the secrets subtree: Path is relative to the exported root.' }
        )
        Links       = @('Import-ZkTree', 'Copy-ZkTree', 'Compare-ZkTree', 'about_ZooKeeperPS_Subtrees', 'about_ZooKeeperPS')
    }

    'Import-ZkTree' = @{
        Synopsis    = 'Imports a subtree from a tree file or from Export-ZkTree records under a destination path.'
        Description = @(
            'Import-ZkTree creates the exported nodes below -Destination (the exported root becomes -Destination itself), parents before children, with their exact bytes and ACLs. Creates go in multi requests sized under the session''s jute.maxbuffer, several in flight; when a multi fails (it applies all or nothing) its nodes are created one by one, so each error names its node and the rest is still created.'
            'ACLs: a node without children, or whose ACL lets anyone create children, is created with its final ACL. A folder whose ACL would keep the importer from creating its children is created with a temporary ACL that lets only the importing identities in (auth, all permissions; when the session has no authenticated identity, world) and gets its exact ACL once everything under it exists. Import as an authenticated user to keep protected folders closed to others meanwhile.'
            'A node that exists already meets -Conflict: Skip (the default) leaves it as it is, Overwrite gives it the record''s data and ACL, Fail stops the import with a NodeExists error. Nodes are never duplicated, so an interrupted import (a lost connection ends it with a terminating error) is finished by running it again; with -Conflict Overwrite the rerun also gives folders the final ACL they had not got yet. -WhatIf lists every node that would be imported. -Verbose gives the totals at the end.'
        )
        Parameters  = @{
            Source      = 'The tree file to read, as written by Export-ZkTree -Destination. A file without its closing line (truncated) or whose checksum does not match (damaged) stops the import with a ZooKeeper.BadTreeFile error after the records before the fault.'
            InputObject = 'ZkTreeRecord objects, from Export-ZkTree without -Destination, through the pipeline.'
            Destination = 'Where the exported root goes: a record with path /a/b is created at <Destination>/a/b. Its parent must exist.'
            Conflict    = 'What to do with a node that exists: Skip (the default), Overwrite (its data and ACL are replaced), or Fail (the import stops with a NodeExists error for it).'
        }
        Examples    = @(
            @{ Code = 'New-ZkNode /config/db/url -Value ''postgres://db:5432'' -MakePath
Export-ZkTree /config -Destination ./config.zktree
Import-ZkTree ./config.zktree -Destination /restored -Verbose
Get-ZkNode /restored/db/url'; Remarks = 'Exports /config to a file and imports it as /restored.' }
            @{ Code = 'New-ZkNode /config/db/url -Value ''postgres://db:5432'' -MakePath
Export-ZkTree /config | Import-ZkTree -Destination /copy -WhatIf'; Remarks = 'Pipes the records straight into the import and lists what would be created, without creating anything.' }
            @{ Code = 'New-ZkNode /config/db/url -Value ''postgres://db:5432'' -MakePath
Export-ZkTree /config -Destination ./config.zktree
Import-ZkTree ./config.zktree -Destination /restored
Set-ZkNode /restored/db/url ''changed by hand''
Import-ZkTree ./config.zktree -Destination /restored -Conflict Overwrite'; Remarks = 'Runs the same import again: with -Conflict Overwrite it restores the data and ACL of the nodes that exist. This is also how an interrupted import is finished.' }
        )
        Links       = @('Export-ZkTree', 'Copy-ZkTree', 'Sync-ZkTree', 'about_ZooKeeperPS_Subtrees', 'about_ZooKeeperPS')
    }

    'Copy-ZkTree' = @{
        Synopsis    = 'Copies a subtree with its data and ACLs, on the same cluster or to another one.'
        Description = @(
            'Copy-ZkTree copies the node at -Path and everything below it to -Destination, on the same session or, with -DestinationSession, on another cluster. It streams: what is read at the source goes straight into multi requests at the destination, with no temporary file, and memory stays flat. Data, null data and ACLs are copied exactly, and folders whose ACL would keep the copier out get it once their children exist (see Import-ZkTree).'
            'Ephemeral nodes are left out unless -IncludeEphemeral is given. A node that exists at the destination meets -Conflict. A lost connection ends the copy; running it again (with -Conflict Overwrite) finishes it without duplicates. A copy into its own subtree is refused.'
        )
        Parameters  = @{
            Path               = 'The root of the subtree to copy.'
            Destination        = 'Where the copy of the root goes; its parent must exist.'
            DestinationSession = 'The session of the cluster to copy into. The default is the source session (-Session).'
            Conflict           = 'What to do with a node that exists at the destination: Skip (the default), Overwrite, or Fail.'
            IncludeEphemeral   = 'Also copy ephemeral nodes, as persistent nodes.'
            Exclude            = 'Wildcard patterns: a node whose name, or whose path below -Path, matches one of them is not copied, nor anything below it.'
        }
        Examples    = @(
            @{ Code = 'New-ZkNode /staging/app/feature -Value on -MakePath
Copy-ZkTree /staging /production -Verbose'; Remarks = 'Copies /staging to /production on the same cluster.' }
            @{ Code = 'New-ZkNode /staging/app/feature -Value on -MakePath
New-ZkNode /prod
$staging = Connect-ZooKeeper ''zk1:2181''
$production = Connect-ZooKeeper ''prod-zk1:2181,prod-zk2:2181/prod''
Copy-ZkTree /staging/app /app -Session $staging -DestinationSession $production'; Remarks = 'Copies /staging/app of one cluster to /app of another (here a chroot /prod). The second Connect-ZooKeeper becomes the default session, so the source is named with -Session.' }
        )
        Links       = @('Export-ZkTree', 'Import-ZkTree', 'Sync-ZkTree', 'about_ZooKeeperPS_Subtrees', 'about_ZooKeeperPS')
    }

    'Compare-ZkTree' = @{
        Synopsis    = 'Compares two subtrees node by node and emits their differences.'
        Description = @(
            'Compare-ZkTree compares the subtree at -ReferencePath with the one at -DifferencePath, on one session or on two clusters, in the manner of Compare-Object. It emits a ZkTreeDifference for every node that is only in the difference tree (Added, SideIndicator =>), only in the reference tree (Removed, <=), in both with other bytes (DataChanged, <>) and, with -IncludeAcl, in both with other ACL entries (AclChanged). Each carries the path below both roots, both absolute paths, and both sides'' values, bytes and ACLs. Nothing is output when the trees are equal.'
            'Ephemeral nodes count as absent on both sides; the /zookeeper system tree is left out when comparing /. Memory stays flat: each tree is walked once with its counterparts read in batches.'
        )
        Parameters  = @{
            ReferencePath     = 'The root of the reference tree.'
            DifferencePath    = 'The root of the tree compared with it.'
            ReferenceSession  = 'The session of the reference tree. The default is the default session of this runspace.'
            DifferenceSession = 'The session of the difference tree. The default is the reference session.'
            IncludeAcl        = 'Also compare ACLs (one more request per node on each side).'
        }
        Examples    = @(
            @{ Code = 'New-ZkNode /blue/db -Value v1 -MakePath
New-ZkNode /green/db -Value v2 -MakePath
New-ZkNode /green/cache -Value on
Compare-ZkTree /blue /green'; Remarks = 'Lists the DataChanged /db and the Added /cache.' }
            @{ Code = 'New-ZkNode /app/db -Value v1 -MakePath
Copy-ZkTree /app /backup
$changes = @(Compare-ZkTree /app /backup -IncludeAcl)
if ($changes.Count -eq 0) { ''no drift'' } else { $changes | Format-Table SideIndicator, Difference, Path, ReferenceValue, DifferenceValue }'; Remarks = 'Checks a copy for drift, data and ACLs.' }
        )
        Links       = @('Sync-ZkTree', 'Copy-ZkTree', 'about_ZooKeeperPS_Subtrees', 'about_ZooKeeperPS')
    }

    'Sync-ZkTree' = @{
        Synopsis    = 'Makes a destination subtree equal to a source subtree (a mirror).'
        Description = @(
            'Sync-ZkTree compares the subtree at -Path with the one at -Destination (on the same session or, with -DestinationSession, on another cluster) and changes the destination until they are equal: it creates the nodes it lacks (with their ACLs, folders closed once their children exist), writes the data that differs, sets the ACLs that differ and, with -Delete, removes the nodes (with their subtrees) that the source does not have. Ephemeral nodes are left alone on both sides.'
            'Every change is asked for on its own (ShouldProcess with the destination path), so -WhatIf lists every change and -Confirm asks for each. A lost connection ends the sync; running it again carries on from what is there. -Verbose gives the totals at the end.'
        )
        Parameters  = @{
            Path               = 'The root of the source tree.'
            Destination        = 'The root of the tree to make equal to it; its parent must exist.'
            DestinationSession = 'The session of the destination cluster. The default is the source session (-Session).'
            Delete             = 'Also remove the destination''s nodes that the source does not have.'
        }
        Examples    = @(
            @{ Code = 'New-ZkNode /source/db -Value v2 -MakePath
New-ZkNode /mirror/db -Value v1 -MakePath
New-ZkNode /mirror/stale
Sync-ZkTree /source /mirror -Delete -WhatIf'; Remarks = 'Lists what a mirror would change: write the data of /mirror/db and remove /mirror/stale.' }
            @{ Code = 'New-ZkNode /source/db -Value v2 -MakePath
New-ZkNode /mirror
Sync-ZkTree /source /mirror -Delete -Verbose
Compare-ZkTree /source /mirror -IncludeAcl'; Remarks = 'Mirrors /source into /mirror; the comparison afterwards outputs nothing.' }
        )
        Links       = @('Compare-ZkTree', 'Copy-ZkTree', 'about_ZooKeeperPS_Subtrees', 'about_ZooKeeperPS')
    }

    # Servers and the ensemble (issue 13). The -ConnectionString, -Timeout, TLS, -Source and -AdminPort parameters of
    # these cmdlets are described once, in New-HelpFile.ps1's $serverParameters.
    'Get-ZkServer' = @{
        Synopsis    = 'Reports every member of an ensemble: its mode, version, zxid and load.'
        Description = @(
            'Get-ZkServer asks each member of an ensemble about itself and returns one object per member: Mode (leader, follower, observer, standalone or read-only), Serving, Version, Zxid (ZxidHex in the table), latency (MinLatency, AverageLatency, MaxLatency), OutstandingRequests, Connections, ZnodeCount, WatchCount, EphemeralsCount, ApproximateDataSize, OpenFileDescriptors and MaxFileDescriptors, and on the leader Followers and SyncedFollowers. Metrics holds every figure the member gave, by its mntr name.'
            'The members are the servers of -ConnectionString, or those of the session: its connection string and the members that the ensemble''s configuration (/zookeeper/config) names with a client port, with their server ids. All members are asked at once.'
            'Each member is asked with the four-letter words srvr and mntr on its client port. A member whose 4lw.commands.whitelist refuses mntr (the servers'' default allows only srvr) is asked its AdminServer instead (http://host:8080/commands/monitor, see -AdminPort); if that does not answer either, srvr alone gives mode, version, zxid, latency, connections and node count. Source says which way each member answered.'
            'A member that cannot be reached, does not serve (no quorum) or refuses to answer is still a row: its Mode is empty and its Error says why. No error record is written for it, so Get-ZkServer | Where-Object Error finds the problems.'
        )
        Parameters  = @{}
        Examples    = @(
            @{ Code = 'Get-ZkServer'; Remarks = 'Reports every member of the default session''s ensemble.' }
            @{ Code = 'Get-ZkServer | Format-List Server, Mode, ZxidHex, ZnodeCount, WatchCount, EphemeralsCount, ApproximateDataSize, OpenFileDescriptors, Source'; Remarks = 'Shows more of the figures.' }
            @{ Code = 'Get-ZkServer -ConnectionString (Get-ZkSession -Default).Server -Source FourLetterWords -Timeout 2'; Remarks = 'Asks the server the default session is connected to, with srvr and mntr only, giving it 2 seconds. In practice -ConnectionString names the members, for example zk1:2181,zk2:2181,zk3:2181, without a session.' }
        )
        Links       = @('Test-ZkServer', 'Invoke-ZkFourLetterWord', 'Get-ZkConnection', 'Get-ZkEnsembleConfig', 'about_ZooKeeperPS')
    }

    'Test-ZkServer' = @{
        Synopsis    = 'Checks the health of an ensemble: every member serving, one leader, a quorum, little drift.'
        Description = @(
            'Test-ZkServer asks every member as Get-ZkServer does and returns one object per check, with Check, Passed and Detail: MembersServing (every member answers and serves), OneLeader (exactly one leader, or the one standalone server), Quorum (a majority of the voting members serve), ZxidDrift (the serving members'' last zxids are at most -MaxZxidDrift apart) and ZnodeCountDrift (their znode counts are at most -MaxZnodeCountDrift apart).'
            'With -Quiet it returns a single boolean, True when every check passed, for scripts and monitoring.'
        )
        Parameters  = @{
            MaxZxidDrift       = 'The largest difference between the serving members'' last zxids that still passes. The default is 100; followers trail the leader by a few transactions under load. A member of an older epoch is far behind.'
            MaxZnodeCountDrift = 'The largest difference between the serving members'' znode counts that still passes. The default is 10.'
            Quiet              = 'Returns only True or False: whether every check passed.'
        }
        Examples    = @(
            @{ Code = 'Test-ZkServer'; Remarks = 'Runs every check on the default session''s ensemble and shows each result.' }
            @{ Code = 'if (-not (Test-ZkServer -Quiet)) { Write-Warning ''The ZooKeeper ensemble is not healthy.'' }'; Remarks = 'Uses the boolean in a script.' }
            @{ Code = 'Test-ZkServer -MaxZxidDrift 1000 | Where-Object { -not $_.Passed }'; Remarks = 'Shows only the checks that failed, allowing the members'' zxids to be up to 1000 apart.' }
        )
        Links       = @('Get-ZkServer', 'about_ZooKeeperPS')
    }

    'Invoke-ZkFourLetterWord' = @{
        Synopsis    = 'Sends a four-letter word (ruok, srvr, stat, mntr, conf, cons, dump, envi, wchs, ...) to every member.'
        Description = @(
            'Invoke-ZkFourLetterWord sends the word to each member and writes each answer as text, with a Server note property that names the member. The answer to mntr is an ordered dictionary of its figures instead (zk_znode_count, zk_avg_latency, ...), numbers as numbers.'
            'A server answers only the words in its 4lw.commands.whitelist; any other word gets "... is not executed because it is not in the whitelist." as its answer. A member that cannot be reached is a non-terminating error.'
        )
        Parameters  = @{
            Word = 'The four-letter word, in lower case: ruok, srvr, stat, mntr, conf, cons, crst, dump, envi, dirs, wchs, wchc, wchp, isro, hash, gtmk or srst. Tab completes it.'
        }
        Examples    = @(
            @{ Code = 'Invoke-ZkFourLetterWord ruok'; Remarks = 'Asks every member whether it is running; each answers imok.' }
            @{ Code = '(Invoke-ZkFourLetterWord mntr)[''zk_znode_count'']'; Remarks = 'Reads one figure of mntr.' }
            @{ Code = 'Invoke-ZkFourLetterWord conf | ForEach-Object { "--- $($_.Server)"; $_ }'; Remarks = 'Shows the configuration of every member, each under its address.' }
        )
        Links       = @('Get-ZkServer', 'Get-ZkConnection', 'about_ZooKeeperPS')
    }

    'Get-ZkConnection' = @{
        Synopsis    = 'Lists the client connections of every member (cons, or the AdminServer).'
        Description = @(
            'Get-ZkConnection asks each member for its client connections (the cons four-letter word) and returns one object per connection: Server, Address (the client as the server sees it), SessionId (as a session''s Id writes it), Queued, Received, Sent, LastOperation, Established, SessionTimeout, LastZxid and the latencies. The connection that asks has no session yet and is left out.'
            'A member whose 4lw.commands.whitelist refuses cons (the servers'' default allows only srvr) is asked its AdminServer''s connections command instead (see -Source and -AdminPort). A member that refuses both, or cannot be reached, is a non-terminating error.'
        )
        Parameters  = @{
            Source = 'Where to ask. Auto (the default): the cons four-letter word, and the AdminServer''s connections command when the server''s 4lw.commands.whitelist refuses cons. FourLetterWords: only cons. AdminServer: only the connections command.'
        }
        Examples    = @(
            @{ Code = 'Get-ZkConnection'; Remarks = 'Lists the clients of every member.' }
            @{ Code = 'Get-ZkConnection | Where-Object SessionId -EQ (Get-ZkSession -Default).Id'; Remarks = 'Finds the connection of the default session.' }
            @{ Code = 'Get-ZkConnection | Sort-Object MaxLatency -Descending | Select-Object -First 5 Address, SessionId, MaxLatency, Server'; Remarks = 'Shows the five clients with the slowest requests.' }
            @{ Code = 'Get-ZkConnection -Source FourLetterWords -Timeout 2'; Remarks = 'Asks with cons only, never the AdminServer, giving each member 2 seconds; a member whose whitelist refuses cons is an error that says so. -Source AdminServer -AdminPort 8080 asks only the AdminServer (http://host:8080/commands/connections).' }
        )
        Links       = @('Get-ZkServerSession', 'Get-ZkServer', 'about_ZooKeeperPS')
    }

    'Get-ZkServerSession' = @{
        Synopsis    = 'Lists the sessions that own ephemeral nodes, with their paths (dump).'
        Description = @(
            'Get-ZkServerSession asks the ensemble which sessions own ephemeral nodes (the dump four-letter word) and returns one object per session: SessionId (as a session''s Id writes it), Ephemerals (the full paths, outside any chroot) and Server. It answers the forensic question "whose ephemeral is this?".'
            'Every member holds the whole tree, so the first member that answers is enough; errors are written only when none does. A member whose 4lw.commands.whitelist refuses dump (the servers'' default allows only srvr) is asked its AdminServer''s dump command instead (see -Source and -AdminPort).'
        )
        Parameters  = @{
            Source = 'Where to ask. Auto (the default): the dump four-letter word, and the AdminServer''s dump command when the server''s 4lw.commands.whitelist refuses the word. FourLetterWords: only the four-letter word. AdminServer: only the AdminServer''s command.'
        }
        Examples    = @(
            @{ Code = 'New-ZkNode /worker -Ephemeral
Get-ZkServerSession'; Remarks = 'Creates an ephemeral node and lists the sessions with ephemerals; the default session is among them, owning the node (its path includes the chroot of the session, if any).' }
            @{ Code = 'Get-ZkServerSession | Where-Object { $_.Ephemerals -like ''*/locks/*'' }'; Remarks = 'Finds the sessions that hold nodes under a locks folder.' }
        )
        Links       = @('Get-ZkConnection', 'about_ZooKeeperPS')
    }

    'Get-ZkEnsembleConfig' = @{
        Synopsis    = 'Reads the ensemble''s configuration (/zookeeper/config) as member objects.'
        Description = @(
            'Get-ZkEnsembleConfig reads the /zookeeper/config node (outside any chroot of the session) and returns one object per member: Id (the server id), Role (participant or observer), Address, QuorumPort, ElectionPort, ClientAddress, Line (the server.N line) and Version (the configuration''s version, which Set-ZkEnsembleConfig -Version expects).'
            'A standalone server without a dynamic configuration has an empty node, so nothing is returned.'
        )
        Parameters  = @{}
        Examples    = @(
            @{ Code = 'Get-ZkEnsembleConfig'; Remarks = 'Lists the members of the default session''s ensemble.' }
            @{ Code = 'Get-ZkEnsembleConfig | Where-Object Role -EQ observer'; Remarks = 'Lists the observers.' }
        )
        Links       = @('Set-ZkEnsembleConfig', 'Get-ZkServer', 'about_ZooKeeperPS')
    }

    'Set-ZkEnsembleConfig' = @{
        Synopsis    = 'Adds, removes or replaces ensemble members online (dynamic reconfiguration).'
        Description = @(
            'Set-ZkEnsembleConfig changes the ensemble''s membership without a restart (ZooKeeper 3.5 and later): -Add and -Remove change some members in one step, -Member gives the whole new membership. It returns the new configuration''s members, as Get-ZkEnsembleConfig does. -Version makes the change fail with BadVersion when the configuration changed since you read it.'
            'The servers must run with reconfigEnabled=true (otherwise the error is ZooKeeper.ReconfigDisabled), and the session must be the super user (the servers'' zookeeper.DigestAuthenticationProvider.superDigest, through Connect-ZooKeeper -Credential) or be allowed to write /zookeeper/config (otherwise ZooKeeper.NoAuth). A new server must be started first, configured with the current members and itself; when a quorum of the new configuration is not connected to the leader the error is ZooKeeper.NewConfigNoQuorum, and while another change is applied ZooKeeper.ReconfigInProgress. Each error says what to do.'
            'Changing the membership has a high impact, so it asks for confirmation unless -Force or -Confirm:$false is given; -WhatIf shows the change without making it.'
        )
        Parameters  = @{
            Add     = 'Members to add, as server lines: server.N=host:quorumPort:electionPort[:participant|observer];[clientHost:]clientPort, for example server.4=zk4:2888:3888:participant;2181.'
            Remove  = 'The server ids of members to remove, for example 4.'
            Member  = 'The whole new membership, server lines as for -Add. Members not listed leave the ensemble.'
            Version = 'The configuration''s version as read with Get-ZkEnsembleConfig (its Version property): the change fails with BadVersion if the configuration has changed since. The default, -1, changes whatever configuration is current.'
            Force   = 'Skips the confirmation prompt. It never skips -WhatIf.'
        }
        Examples    = @(
            @{ Code = 'Set-ZkEnsembleConfig -Add ''server.4=zk4:2888:3888:participant;2181'' -WhatIf'; Remarks = 'Shows the change that would add server 4 (start it first, configured with the current members and itself); without -WhatIf it asks for confirmation, then adds it.' }
            @{ Code = '$config = Get-ZkEnsembleConfig
if ($config) { Set-ZkEnsembleConfig -Remove 4 -Version $config[0].Version -WhatIf }'; Remarks = 'Removes server 4 if the configuration is still the one just read (here only shown, with -WhatIf; a standalone server has no configuration to change).' }
            @{ Code = 'Set-ZkEnsembleConfig -Member ''server.1=zk1:2888:3888;2181'', ''server.2=zk2:2888:3888;2181'', ''server.3=zk5:2888:3888;2181'' -WhatIf'; Remarks = 'Shows a new membership that replaces server 3 on zk3 by a server 3 on zk5.' }
        )
        Links       = @('Get-ZkEnsembleConfig', 'Get-ZkServer', 'about_ZooKeeperPS')
    }

    # --- Operations: transactions, session-side facts, quotas ---

    'Invoke-ZkTransaction' = @{
        Synopsis    = 'Applies several changes to znodes all together or not at all (a ZooKeeper transaction, multi).'
        Description = @(
            'Invoke-ZkTransaction runs its script block with a transaction open. Inside it, New-ZkNode, Set-ZkNode, Remove-ZkNode and Test-ZkNode do not run: each queues its operation (create, set data, delete, check). When the block ends, all the operations go to the server as one multi request, which applies every one of them or none. The output is one object per operation, in order: Index (from 0), Kind (Create, Set, Delete, Check), Path, CreatedPath (the real path of a created node, with the counter of a sequential node), Stat and Version (the new stat of a created or changed node; for a create it is read right after the transaction, as the server''s reply does not carry it) and Session.'
            'Test-ZkNode in the block is a check: the transaction applies only if the node exists, or with -Version only if it is at that version. That is how to make changes that depend on a node not having changed since you read it. Wildcard paths are expanded when the operation is queued.'
            'When the server refuses an operation, nothing of the transaction is applied and Invoke-ZkTransaction stops with a terminating error that names the failing operation (its index, kind and path) and the ZooKeeper code, and says that the others were rolled back. The error id and category come from the code, as for the single cmdlets: ZooKeeper.NodeExists, ZooKeeper.NoNode, ZooKeeper.BadVersion, ZooKeeper.NotEmpty, ZooKeeper.QuotaExceeded (a hard quota on a server with zookeeper.enforceQuota=true), and so on; the exception''s FailedOpIndex is the index.'
            'The script block is ordinary PowerShell: it may compute values and read nodes (reads run at once, and see the tree as it is before the transaction); what it outputs itself is passed through. Cmdlets in it that are not given -Session use the transaction''s session. These stop the transaction with a terminating error before anything is sent: another cmdlet that changes things (Set-ZkAcl, Clear-ZooKeeper, Set-ZkQuota, ...), New-ZkNode -MakePath, Remove-ZkNode -Recurse, an operation for another session, a Connect-ZooKeeper or Disconnect-ZooKeeper that changes the default session, a nested Invoke-ZkTransaction, and any error of a queued cmdlet (a bad path, a wildcard that matches nothing).'
            'Operations can also be built beforehand, for generated change sets: objects of type [ZooKeeperPS.ZkOperation] (Kind, Path, Value, Version, Mode, Acl, Ttl), or objects with Kind, Path, Value and Version properties such as the rows of a CSV file, given to -Operation or piped in. They all go into one transaction.'
            '-WhatIf lists the operations (one "What if" line each) and sends nothing; -Confirm asks for each operation, and refusing any one keeps the whole transaction back. The cmdlets inside the block do not ask.'
        )
        Parameters  = @{
            ScriptBlock = 'The changes. New-ZkNode, Set-ZkNode, Remove-ZkNode and Test-ZkNode in it queue their operation instead of running it; everything else runs as usual.'
            Operation   = 'Operations built beforehand: [ZooKeeperPS.ZkOperation] objects, hashtables cast to that type, or objects with Kind (Create, Set, Delete, Check), Path, Value (text or bytes, for Create and Set) and Version (-1 or absent for any version) properties. Accepts them from the pipeline; all of them form one transaction. Mode takes a CreateMode name (Persistent, Ephemeral, PersistentSequential, ...).'
        }
        Examples    = @(
            @{ Code = 'New-ZkNode /config -Value ''v1''
Invoke-ZkTransaction {
    New-ZkNode /config/db -Value ''postgres://db:5432''
    New-ZkNode /config/cache -Value ''redis://cache:6379''
    Set-ZkNode /config ''v2'' -Version 0
}'; Remarks = 'Creates two nodes and updates their parent in one step: either all three changes happen or none (here, if /config was changed by someone else since version 0).' }
            @{ Code = 'New-ZkNode /jobs/job-1 -Value ''pending'' -MakePath
$job = Get-ZkNode /jobs/job-1
Invoke-ZkTransaction {
    Test-ZkNode /jobs/job-1 -Version $job.Version
    Remove-ZkNode /jobs/job-1
    New-ZkNode /done/job-1 -Value $job.Data
} -WhatIf'; Remarks = 'Shows what moving a job node to /done would do (a check, a delete, a create), without sending anything. Without -WhatIf the move fails as a whole if the job changed after it was read, or if /done does not exist.' }
            @{ Code = 'New-ZkNode /app -Value ''v0''
$changes = @''
Kind,Path,Value,Version
Create,/app/mode,blue,
Set,/app,v1,0
''@ | ConvertFrom-Csv
$changes | Invoke-ZkTransaction | Format-Table Index, Kind, Path, Version'; Remarks = 'Applies a change set from CSV rows (Kind, Path, Value, Version) as one transaction and shows the new version of each node.' }
            @{ Code = 'New-ZkNode /locks -Value ''''
$results = Invoke-ZkTransaction { New-ZkNode /locks/lock- -Sequential -Ephemeral }
$results.CreatedPath'; Remarks = 'The CreatedPath of a sequential node is its real name, such as /locks/lock-0000000000.' }
        )
        Links       = @('Test-ZkNode', 'New-ZkNode', 'Set-ZkNode', 'Remove-ZkNode', 'about_ZooKeeperPS')
    }

    'Test-ZkNode' = @{
        Synopsis    = 'Tells whether znodes exist (at a version); inside Invoke-ZkTransaction, a check of the transaction.'
        Description = @(
            'Test-ZkNode returns $true or $false for each path, as Test-Path does for files: whether the node exists and, with -Version, whether its version is that one. Paths come from arguments or the pipeline (strings, or objects with a Path property), and the answers come out in input order.'
            'A path with wildcards (*, ?, [abc]) is $true when some existing node matches it (at the version, with -Version), $false when none does. -LiteralPath takes paths exactly as written.'
            'Inside the script block of Invoke-ZkTransaction, Test-ZkNode returns nothing and adds a check operation instead: the transaction applies only if the node exists (at the version, with -Version) when it is applied. A failed check is a NoNode or BadVersion error of the whole transaction.'
        )
        Parameters  = @{
            Path        = 'The absolute paths of the nodes. Wildcards (*, ?, [abc]) match the names of existing nodes; a backtick escapes one.'
            LiteralPath = 'The absolute paths of the nodes, exactly as written: *, ? and [ are parts of names. Alias: LP.'
            Version     = 'True only when the node''s version (its data version, Version of Get-ZkNode) is this one. The default, -1, means any version.'
        }
        Examples    = @(
            @{ Code = 'if (-not (Test-ZkNode /app/config)) { New-ZkNode /app/config -Value ''{}'' -MakePath }'; Remarks = 'Creates the node only when it is not there yet.' }
            @{ Code = '''/app/a'', ''/app/b'' | New-ZkNode -MakePath
''/app/a'', ''/app/missing'' | Test-ZkNode
Test-ZkNode ''/app/*'''; Remarks = 'Returns True and False for the two paths, then True because some child of /app exists.' }
            @{ Code = 'New-ZkNode /app/flag -Value ''on'' -MakePath
Test-ZkNode /app/flag -Version 0'; Remarks = 'True while nobody has changed the node since it was created.' }
        )
        Links       = @('Invoke-ZkTransaction', 'Get-ZkNode', 'about_ZooKeeperPS')
    }

    'Get-ZkEphemeral' = @{
        Synopsis    = 'Lists the ephemeral nodes that a session owns.'
        Description = @(
            'Get-ZkEphemeral asks the server (getEphemerals, ZooKeeper 3.6 and later) for the paths of the ephemeral nodes that the session owns: the nodes that go away when it closes or expires. -Prefix keeps only the paths that start with it. The paths come sorted, as strings, and pipe on to Get-ZkNode or Remove-ZkNode. On an older server the error is ZooKeeper.NotSupported.'
        )
        Parameters  = @{
            Prefix = 'Only paths that start with this text. It is a plain text prefix, not a subtree: /app also matches /apple; end it with a slash (/app/) for the nodes below /app only. The default is /, every ephemeral of the session.'
        }
        Examples    = @(
            @{ Code = 'New-ZkNode /workers/worker- -Ephemeral -Sequential -MakePath
Get-ZkEphemeral'; Remarks = 'Lists the ephemeral nodes of the default session, such as /workers/worker-0000000000.' }
            @{ Code = 'New-ZkNode /workers/w1 -Ephemeral -MakePath
Get-ZkEphemeral /workers/ | Get-ZkNode | Select-Object Path, Created'; Remarks = 'Shows when each ephemeral node under /workers was created.' }
        )
        Links       = @('New-ZkNode', 'Get-ZkSession', 'about_ZooKeeperPS')
    }

    'Get-ZkQuota' = @{
        Synopsis    = 'Lists ZooKeeper quotas with the usage against their limits.'
        Description = @(
            'Get-ZkQuota returns the quotas on the given paths and on every node below them (by default every quota of the session''s tree): Path, Count and Bytes (what the subtree holds now, as the server counts it: the nodes including the quota''s own node, and the bytes of their data), CountLimit and ByteLimit (soft limits, which only make the server log a warning), CountHardLimit and ByteHardLimit (hard limits, which a server started with zookeeper.enforceQuota=true enforces: a change beyond them fails with ZooKeeper.QuotaExceeded), and Exceeded (whether the usage is above one of the limits).'
            'Quotas live where zkCli''s setquota, listquota and delquota keep them, in /zookeeper/quota/<path>/zookeeper_limits and zookeeper_stats, in the same text format, so zkCli and ZooKeeperPS read each other''s quotas. The server matches quotas by the whole path it sees: under a chroot, the quota of /a is kept for <chroot>/a.'
        )
        Parameters  = @{
            Path = 'The paths whose quotas (and the quotas below them) to list. The default is /, every quota of the session''s tree.'
        }
        Examples    = @(
            @{ Code = 'New-ZkNode /tenants/acme -MakePath
Set-ZkQuota /tenants/acme -Count 1000 -Bytes 10MB
Get-ZkQuota'; Remarks = 'Lists every quota with its usage.' }
            @{ Code = 'New-ZkNode /tenants/acme -MakePath
Set-ZkQuota /tenants/acme -Count 1
''/tenants/acme/a'', ''/tenants/acme/b'' | New-ZkNode
Get-ZkQuota /tenants | Where-Object Exceeded'; Remarks = 'Finds the quotas that are exceeded (soft limits let the changes through).' }
        )
        Links       = @('Set-ZkQuota', 'Remove-ZkQuota', 'about_ZooKeeperPS')
    }

    'Set-ZkQuota' = @{
        Synopsis    = 'Sets the node-count and byte limits of a quota on a subtree.'
        Description = @(
            'Set-ZkQuota sets limits of the quota on each node, as zkCli''s setquota does: -Count limits the nodes of the subtree (the node itself included), -Bytes the bytes of their data. Without -Hard they are soft limits: the server only logs a warning when they are exceeded. With -Hard they are hard limits: a server started with zookeeper.enforceQuota=true refuses a create or a data change beyond them with ZooKeeper.QuotaExceeded (category QuotaExceeded), also inside a transaction. Limits not given stay as they are.'
            'The node must exist (ZooKeeper.NoNode otherwise), and quotas cannot be nested: a node whose ancestor or descendant has a quota is refused with ZooKeeper.QuotaConflict. A quota on / or inside /zookeeper is an InvalidArgument error. A limit below what the subtree already holds is set, with a warning.'
        )
        Parameters  = @{
            Path     = 'The nodes whose subtrees the quota covers. Accepts paths and node objects from the pipeline.'
            Count    = 'The most nodes the subtree may have, the node itself included: 1 or more.'
            Bytes    = 'The most bytes of data the subtree may hold: 0 or more. PowerShell''s 1KB, 1MB suffixes work.'
            Hard     = 'Set hard limits (enforced by a server with zookeeper.enforceQuota=true) instead of soft ones.'
            PassThru = 'Emit the quota as it is now (see Get-ZkQuota).'
        }
        Examples    = @(
            @{ Code = 'New-ZkNode /tenants/acme -MakePath
Set-ZkQuota /tenants/acme -Count 1000 -Bytes 10MB -PassThru'; Remarks = 'Sets soft limits of 1000 nodes and 10 MB and shows the quota with its usage.' }
            @{ Code = 'New-ZkNode /tenants/acme -MakePath
Set-ZkQuota /tenants/acme -Count 5000 -Hard'; Remarks = 'Sets a hard limit of 5000 nodes: on a server with zookeeper.enforceQuota=true, creating more fails with ZooKeeper.QuotaExceeded.' }
        )
        Links       = @('Get-ZkQuota', 'Remove-ZkQuota', 'about_ZooKeeperPS')
    }

    'Remove-ZkQuota' = @{
        Synopsis    = 'Removes the quota on a subtree, or some of its limits.'
        Description = @(
            'Remove-ZkQuota removes the quota on each node, as zkCli''s delquota does. Without switches the whole quota goes (its nodes under /zookeeper/quota, and the quota folders left empty). -Count or -Bytes remove only that soft limit, or with -Hard that hard limit; -Hard alone removes both hard limits. A node without a quota is an ObjectNotFound error (ZooKeeper.NoQuota).'
        )
        Parameters  = @{
            Path  = 'The nodes whose quota to remove. Accepts paths and objects with a Path property (such as Get-ZkQuota output) from the pipeline.'
            Count = 'Remove only the node-count limit (the hard one with -Hard).'
            Bytes = 'Remove only the byte limit (the hard one with -Hard).'
            Hard  = 'Remove hard limits: with -Count or -Bytes that hard limit, alone both hard limits.'
        }
        Examples    = @(
            @{ Code = 'New-ZkNode /tenants/acme -MakePath
Set-ZkQuota /tenants/acme -Count 1000
Remove-ZkQuota /tenants/acme'; Remarks = 'Removes the quota.' }
            @{ Code = 'New-ZkNode /tenants/acme -MakePath
Set-ZkQuota /tenants/acme -Count 1000 -Bytes 1MB
Remove-ZkQuota /tenants/acme -Bytes
Get-ZkQuota | Remove-ZkQuota -WhatIf'; Remarks = 'Removes the byte limit and keeps the count limit, then shows what removing every quota would do.' }
        )
        Links       = @('Get-ZkQuota', 'Set-ZkQuota', 'about_ZooKeeperPS')
    }

    # Recipes (issue 17)
    'Invoke-ZkLock' = @{
        Synopsis    = 'Runs a script block while holding a ZooKeeper lock, shared with kazoo.'
        Description = @(
            'Invoke-ZkLock queues for the lock on -Path, runs the script block once it holds the lock, and releases the lock when the block ends, whatever way it ends: normally, with an error, or by Ctrl+C. The block''s output comes out when it has ended. While waiting, Ctrl+C stops the wait and leaves the queue.'
            'The lock is kazoo''s: each contender is an ephemeral sequential node under -Path whose name ends with __lock__ (or __rlock__ with -Shared) and a sequence number, and the lowest number goes first, so kazoo''s Lock, WriteLock and ReadLock and this cmdlet take turns on one path in the order they queued. Without -Shared the lock is held alone (as kazoo''s WriteLock: it waits for every contender before it); with -Shared it is held together with other shared holders (kazoo''s ReadLock) and waits only for exclusive ones before it.'
            'The block sees the lock as $ZkLock. $ZkLock.IsHeld is true only while the session is connected: during a disconnection the session may be expiring without the client knowing, so the lock is not reported as safely held. If the session ends (expires) while the block runs, another session may take the lock: $ZkLock.IsHeld and $ZkLock.IsLost say so, $ZkLock.ThrowIfLost() stops the block there, $ZkLock.LostToken is cancelled, and Invoke-ZkLock ends with the terminating error ZooKeeper.LockLost after the block. See about_ZooKeeperPS_Recipes.'
            'With -Timeout, a lock not acquired in time is the non-terminating error ZooKeeper.LockTimeout (category OperationTimeout) and the block does not run.'
            'With -MaxLeases the path is a semaphore in the layout of kazoo''s Semaphore instead: up to that many holders at once, each an ephemeral child of the path; they queue on the lock <path>-__lock__ (kazoo''s own), and the path''s data holds the number of leases. A path created for another number is the error ZooKeeper.SemaphoreMismatch. $ZkLock then stands for the lease, with the same IsHeld, IsLost and ThrowIfLost().'
            'Leader election is the same lock: kazoo''s Election runs its function while holding a Lock on the election path, so Invoke-ZkLock on that path runs its block while this script is the leader, and Get-ZkLock lists the contenders (the first is the leader), as Election.contenders() does.'
        )
        Parameters  = @{
            Path         = 'The lock''s path: a node whose children are the contenders. It is created (with missing parents) if needed and stays when the lock is released.'
            ScriptBlock  = 'The work to do while holding the lock. It sees the lock as $ZkLock.'
            ArgumentList = 'Arguments passed to the script block (its param() block or $args).'
            Timeout      = 'How long to wait for the lock: a TimeSpan (00:00:30) or a number of seconds. By default Invoke-ZkLock waits for ever.'
            Identifier   = 'The data of this contender''s node, which Get-ZkLock and kazoo''s contenders() show. The default is the machine name and the process id, such as web1:4711.'
            Shared       = 'Hold the lock together with other shared holders (kazoo''s ReadLock) instead of alone.'
            MaxLeases    = 'Make the path a semaphore of this many leases (kazoo''s Semaphore) instead of a lock. Every holder must give the same number.'
        }
        Examples    = @(
            @{ Code = 'Invoke-ZkLock /locks/nightly { "running the nightly job as $($ZkLock.NodePath)" }'; Remarks = 'Runs the block only while no other contender (PowerShell or kazoo) holds /locks/nightly, and releases the lock after it.' }
            @{ Code = 'Invoke-ZkLock /locks/deploy -Timeout 5 -ErrorAction Stop { foreach ($step in 1..3) { $ZkLock.ThrowIfLost(); "step $step" } }'; Remarks = 'Waits at most five seconds for the lock (an error stops the script then), and checks before each step that the lock is still this session''s.' }
            @{ Code = 'Invoke-ZkLock /locks/config -Shared { Get-ZkNode /locks/config }'; Remarks = 'Reads while holding the lock shared: other shared holders (and kazoo ReadLocks) may hold it at the same time, exclusive ones may not.' }
            @{ Code = 'Invoke-ZkLock /limits/deploys -MaxLeases 3 { "one of at most three deploys at once" }'; Remarks = 'A semaphore: at most three holders (PowerShell or kazoo Semaphore) run at the same time.' }
            @{ Code = 'Invoke-ZkLock /election/scheduler -Identifier ([Environment]::MachineName) { "leading: $($ZkLock.IsHeld)" }'; Remarks = 'Leader election: runs the block while this machine is the leader, in the same election as kazoo''s Election("/election/scheduler").' }
        )
        Links       = @('Lock-ZkPath', 'Unlock-ZkPath', 'Get-ZkLock', 'about_ZooKeeperPS_Recipes', 'about_ZooKeeperPS')
    }

    'Lock-ZkPath' = @{
        Synopsis    = 'Acquires a ZooKeeper lock (kazoo''s layout) and returns it, for holds longer than one script block.'
        Description = @(
            'Lock-ZkPath queues for the lock on -Path as Invoke-ZkLock does and returns a lock object once it holds it. Release it with Unlock-ZkPath or the object''s Dispose() method; the lock is also released when its session closes or expires. The object''s IsHeld, IsLost, ThrowIfLost() and LostToken tell whether the lock is still safely this session''s, as in Invoke-ZkLock (see about_ZooKeeperPS_Recipes).'
            'With -Timeout, a lock not acquired in time is the non-terminating error ZooKeeper.LockTimeout and nothing is returned.'
        )
        Parameters  = @{
            Path       = 'The lock''s path: a node whose children are the contenders. It is created (with missing parents) if needed.'
            Timeout    = 'How long to wait for the lock: a TimeSpan or a number of seconds. By default Lock-ZkPath waits for ever.'
            Identifier = 'The data of this contender''s node, shown by Get-ZkLock and kazoo''s contenders(). The default is the machine name and the process id.'
            Shared     = 'Hold the lock together with other shared holders (kazoo''s ReadLock) instead of alone.'
            MaxLeases  = 'Take a lease of a semaphore of this many leases (kazoo''s Semaphore) instead of the lock. Every holder must give the same number.'
        }
        Examples    = @(
            @{ Code = '$lock = Lock-ZkPath /locks/maintenance -Identifier ''patching web1''
try { "patching while $($lock.NodePath) holds the lock" } finally { Unlock-ZkPath $lock }'; Remarks = 'Holds the lock across several commands and releases it in a finally block, so that an error or Ctrl+C releases it too.' }
            @{ Code = 'if ($lock = Lock-ZkPath /locks/report -Timeout 0 -ErrorAction SilentlyContinue) { ''got it''; $lock.Dispose() } else { ''busy'' }'; Remarks = 'Tries the lock without waiting: -Timeout 0 gives up at once when another contender is before this one.' }
        )
        Links       = @('Unlock-ZkPath', 'Invoke-ZkLock', 'Get-ZkLock', 'about_ZooKeeperPS_Recipes', 'about_ZooKeeperPS')
    }

    'Unlock-ZkPath' = @{
        Synopsis    = 'Releases locks taken with Lock-ZkPath.'
        Description = @(
            'Unlock-ZkPath deletes the lock''s node and waits until it is gone, so the next contender may go; across a lost connection it waits for the reconnect (Ctrl+C stops the wait, and the delete goes on by itself). A lock that was lost while held (its session ended) is released as well and reported with the non-terminating error ZooKeeper.LockLost, because the work done under it may not have been exclusive.'
        )
        Parameters  = @{
            Lock = 'The locks to release: objects from Lock-ZkPath, from the pipeline too.'
        }
        Examples    = @(
            @{ Code = '$lock = Lock-ZkPath /locks/batch
Unlock-ZkPath $lock'; Remarks = 'Takes the lock and releases it.' }
            @{ Code = '$locks = ''/locks/a'', ''/locks/b'' | ForEach-Object { Lock-ZkPath $_ }
$locks | Unlock-ZkPath'; Remarks = 'Takes two locks (always in the same order, so that two scripts cannot deadlock) and releases both through the pipeline.' }
        )
        Links       = @('Lock-ZkPath', 'Invoke-ZkLock', 'about_ZooKeeperPS_Recipes', 'about_ZooKeeperPS')
    }

    'Get-ZkLock' = @{
        Synopsis    = 'Lists the contenders for a lock, kazoo''s and PowerShell''s, in queue order.'
        Description = @(
            'Get-ZkLock lists the contenders under a lock path (or an election''s: the first is the leader) in the order they queued, as kazoo''s Lock.contenders() does: Position (1 for the first), Node (the node name), Shared (a shared contender: kazoo ReadLock or Invoke-ZkLock -Shared), Identifier (the node''s data) and IsHolder (whether it holds the lock now). A path without contenders, or missing, lists nothing.'
        )
        Parameters  = @{
            Path      = 'The lock''s (or the semaphore''s) path.'
            Semaphore = 'List the lease holders of a semaphore (Lock-ZkPath -MaxLeases, kazoo''s Semaphore.lease_holders()) instead of the contenders of a lock.'
        }
        Examples    = @(
            @{ Code = '$lock = Lock-ZkPath /locks/nightly -Identifier ''backup on db1''
Get-ZkLock /locks/nightly
$lock.Dispose()'; Remarks = 'Shows who holds /locks/nightly (here this session, named ''backup on db1'') and who waits.' }
            @{ Code = '$lease = Lock-ZkPath /limits/reports -MaxLeases 2 -Identifier ''report on web1''
Get-ZkLock /limits/reports -Semaphore
$lease.Dispose()'; Remarks = 'Lists who holds the leases of a semaphore.' }
        )
        Links       = @('Invoke-ZkLock', 'Lock-ZkPath', 'about_ZooKeeperPS_Recipes', 'about_ZooKeeperPS')
    }
    'Add-ZkCounter' = @{
        Synopsis    = 'Adds to a shared counter, in the format of kazoo''s Counter.'
        Description = @(
            'Add-ZkCounter reads the counter, adds -Increment and writes the result only if nobody changed the node in between (compare-and-set on its version); otherwise it reads again and retries, so concurrent scripts and kazoo Counters never lose an increment. It returns the counter with Value (after), PreValue (before) and Version.'
            'The value is stored as kazoo''s Counter stores it: ASCII text, a whole number (42) or, once a fractional increment was added, a float (2.5). Empty data counts as 0. A missing path is created with its parents, as kazoo does. With -Curator the data is a 4-byte big-endian integer instead (Curator''s SharedCount, kazoo''s Counter(support_curator=True)).'
            'A change whose connection was lost after it was sent is not sent again, because it may have happened: it is a ZooKeeper.ConnectionLoss error that says that the outcome is unknown.'
        )
        Parameters  = @{
            Path      = 'The counter''s node.'
            Increment = 'What to add (1 by default); a negative number subtracts. Whole increments keep a whole counter whole.'
            Curator   = 'The counter is a 4-byte big-endian integer (Curator''s SharedCount) rather than text.'
        }
        Examples    = @(
            @{ Code = 'Add-ZkCounter /stats/deploys'; Remarks = 'Counts one more deploy; the first call creates /stats with the counter at 1.' }
            @{ Code = 'Add-ZkCounter /quota/free -Increment -5 | Select-Object PreValue, Value'; Remarks = 'Takes five from a counter and shows the value before and after.' }
        )
        Links       = @('Get-ZkCounter', 'about_ZooKeeperPS_Recipes', 'about_ZooKeeperPS')
    }

    'Get-ZkCounter' = @{
        Synopsis    = 'Reads a shared counter written by Add-ZkCounter or kazoo''s Counter.'
        Description = @(
            'Get-ZkCounter returns the counter''s Value (a whole number, or a float) and Version. Empty data reads as 0; data that is not a number is an error. A missing node is an ObjectNotFound error (ZooKeeper.NoNode): reading does not create it.'
        )
        Parameters  = @{
            Path    = 'The counter''s node.'
            Curator = 'The counter is a 4-byte big-endian integer (Curator''s SharedCount) rather than text.'
        }
        Examples    = @(
            @{ Code = '$null = Add-ZkCounter /stats/runs -Increment 3
(Get-ZkCounter /stats/runs).Value'; Remarks = 'Adds three to a counter, then reads it: 3 on a fresh server.' }
            @{ Code = '$null = Add-ZkCounter /stats/shared -Increment 7 -Curator
Get-ZkCounter /stats/shared -Curator'; Remarks = 'Reads a counter kept in Curator''s SharedCount format (a 4-byte integer).' }
        )
        Links       = @('Add-ZkCounter', 'about_ZooKeeperPS_Recipes', 'about_ZooKeeperPS')
    }

    # Recipes: queues (issue 17)
    'Add-ZkQueueItem' = @{
        Synopsis    = 'Puts entries into a queue, in the layout of kazoo''s Queue.'
        Description = @(
            'Add-ZkQueueItem puts each -Value (or each piped value) into the queue at -Path as a persistent sequential child named entry-<priority>-<sequence>, the node names of kazoo''s Queue. Receive-ZkQueueItem and kazoo''s Queue.get take entries in name order: the lowest -Priority first and, within one priority, in the order they were put. A missing queue path is created with its parents.'
            'A put whose connection was lost after it was sent is not sent again, because a second entry could result: it is a ZooKeeper.ConnectionLoss error that says that the outcome is unknown.'
        )
        Parameters  = @{
            Path     = 'The queue''s node.'
            Value    = 'The entry: a string (encoded with -Encoding) or a byte array (stored as is). Each piped value is one entry.'
            Priority = '0 to 999 (100 by default, as in kazoo); lower priorities are taken first.'
            Encoding = 'How a string -Value is encoded; UTF-8 by default.'
            PassThru = 'Writes each entry that was put, with its node Name (which holds the sequence number) and Priority.'
            Locking  = 'The queue is kazoo''s LockingQueue: the entry goes into <path>/entries (and <path>/taken is made), for Receive-ZkQueueItem -Locking and kazoo''s LockingQueue.get.'
        }
        Examples    = @(
            @{ Code = '''build 41'', ''build 42'' | Add-ZkQueueItem /queues/builds'; Remarks = 'Puts two entries into /queues/builds (created on the first put); they are taken in this order.' }
            @{ Code = 'Add-ZkQueueItem /queues/builds ''hotfix'' -Priority 0 -PassThru'; Remarks = 'Puts an entry that is taken before every entry of a higher priority number, and shows its node name.' }
        )
        Links       = @('Receive-ZkQueueItem', 'about_ZooKeeperPS_Recipes', 'about_ZooKeeperPS')
    }

    'Receive-ZkQueueItem' = @{
        Synopsis    = 'Takes entries from a queue written by Add-ZkQueueItem or kazoo''s Queue.'
        Description = @(
            'Receive-ZkQueueItem takes the first entry of the queue (the lowest priority, then the first put: kazoo''s order), deletes its node and returns it with Value, Data, Priority and Name. When another consumer deletes that entry first, it takes the next one, so each entry goes to one consumer, however many scripts and kazoo programs take from the queue at once.'
            'An empty queue gives nothing at once, as kazoo''s Queue.get returns None. -Timeout waits up to that long for an entry to come (a watch on the queue''s children, no polling); -Wait waits for ever (Ctrl+C stops). -Count takes up to that many entries, each with the same wait. A missing queue path is created, as kazoo does.'
            'As in kazoo''s Queue, an entry is removed before the script processes it: a script that fails afterwards has to put it back, or it is lost. When the connection breaks just as an entry is deleted, the entry is returned although another consumer may have got it too: in that rare case an entry may be delivered twice, but it is never lost by the take itself.'
        )
        Parameters  = @{
            Path     = 'The queue''s node.'
            Count    = 'How many entries to take (1 by default); fewer when the queue runs empty.'
            Timeout  = 'How long to wait for each entry while the queue is empty: a TimeSpan or a number of seconds. 0 (the default) does not wait.'
            Wait     = 'Waits for ever for each entry.'
            Encoding = 'How Value decodes the data; UTF-8 by default (Data has the bytes as stored).'
            Locking  = 'The queue is kazoo''s LockingQueue: the entry is locked (an ephemeral node <path>/taken/<entry name>), not removed, and other consumers skip it. Complete-ZkQueueItem removes it once processed; Unlock-ZkQueueItem, or the end of the session, gives it back to the queue.'
        }
        Examples    = @(
            @{ Code = 'Add-ZkQueueItem /queues/jobs ''resize images''
(Receive-ZkQueueItem /queues/jobs).Value'; Remarks = 'Puts a job and takes it again: ''resize images''.' }
            @{ Code = 'Receive-ZkQueueItem /queues/mail -Timeout 1'; Remarks = 'Waits up to a second for an entry of an empty queue; on a fresh server nothing comes.' }
            @{ Code = '1..3 | Add-ZkQueueItem /queues/work
while ($item = Receive-ZkQueueItem /queues/work) { "working on $($item.Value)" }'; Remarks = 'Takes entries until the queue is empty.' }
        )
        Links       = @('Add-ZkQueueItem', 'Complete-ZkQueueItem', 'Unlock-ZkQueueItem', 'about_ZooKeeperPS_Recipes', 'about_ZooKeeperPS')
    }

    'Complete-ZkQueueItem' = @{
        Synopsis    = 'Removes an entry taken with Receive-ZkQueueItem -Locking for good, as kazoo''s LockingQueue.consume.'
        Description = @(
            'Complete-ZkQueueItem checks that the entry''s lock node still holds this consumer''s id, then deletes the entry and its lock in one multi, so that nobody takes the entry again. When the lock is gone (the session ended, or the entry was unlocked) it deletes nothing and writes the error ZooKeeper.QueueLockLost: another consumer may have taken the entry, and the work may be done twice. An entry from a queue without -Locking is the error ZooKeeper.QueueItemNotLocked.'
        )
        Parameters  = @{
            Item = 'The entry from Receive-ZkQueueItem -Locking.'
        }
        Examples    = @(
            @{ Code = 'Add-ZkQueueItem /queues/reliable ''rebuild index'' -Locking
$job = Receive-ZkQueueItem /queues/reliable -Locking
"processing $($job.Value)"
Complete-ZkQueueItem $job'; Remarks = 'Takes an entry, processes it and only then removes it: if the script died before, the entry would go back to the queue.' }
            @{ Code = '1, 2 | Add-ZkQueueItem /queues/batch -Locking
Receive-ZkQueueItem /queues/batch -Locking -Count 2 | Complete-ZkQueueItem'; Remarks = 'Takes two entries and removes both, piping them.' }
        )
        Links       = @('Receive-ZkQueueItem', 'Unlock-ZkQueueItem', 'about_ZooKeeperPS_Recipes', 'about_ZooKeeperPS')
    }

    'Unlock-ZkQueueItem' = @{
        Synopsis    = 'Gives an entry taken with Receive-ZkQueueItem -Locking back to the queue, as kazoo''s LockingQueue.release.'
        Description = @(
            'Unlock-ZkQueueItem deletes the entry''s lock node (when it still holds this consumer''s id), so that the entry is taken again, by this or another consumer, in its old place. A lock that is gone already is the error ZooKeeper.QueueLockLost; an entry from a queue without -Locking is the error ZooKeeper.QueueItemNotLocked.'
        )
        Parameters  = @{
            Item = 'The entry from Receive-ZkQueueItem -Locking.'
        }
        Examples    = @(
            @{ Code = 'Add-ZkQueueItem /queues/retry ''flaky job'' -Locking
$job = Receive-ZkQueueItem /queues/retry -Locking
Unlock-ZkQueueItem $job
(Receive-ZkQueueItem /queues/retry -Locking).Value'; Remarks = 'Gives an entry back and takes it again: ''flaky job''.' }
            @{ Code = 'Add-ZkQueueItem /queues/later ''a'' -Locking
$job = Receive-ZkQueueItem /queues/later -Locking
try { throw ''not now'' } catch { Unlock-ZkQueueItem $job }'; Remarks = 'Gives the entry back when its processing fails.' }
        )
        Links       = @('Receive-ZkQueueItem', 'Complete-ZkQueueItem', 'about_ZooKeeperPS_Recipes', 'about_ZooKeeperPS')
    }

    # Recipes: parties (issue 17)
    'Join-ZkParty' = @{
        Synopsis    = 'Joins a party (group membership), in the layout of kazoo''s Party or ShallowParty.'
        Description = @(
            'Join-ZkParty makes this session a member of the party at -Path: an ephemeral child whose data is the -Identifier (UTF-8), named <hex uuid>__party__ as kazoo''s Party names its members, or with -Shallow <hex uuid>-<identifier> as kazoo''s ShallowParty does. kazoo programs see the member in their party, and Get-ZkPartyMember lists theirs. A missing party path is created with its parents, as kazoo does.'
            'The membership lasts until Exit-ZkParty or the end of the session: a script that dies, or whose session expires, leaves the party by itself when the server drops the session. A short disconnection does not end it. The returned member object is what Exit-ZkParty takes.'
        )
        Parameters  = @{
            Path       = 'The party''s node.'
            Identifier = 'What the other members see of this one; by default machine:pid. With -Shallow it is part of the node name and cannot contain ''/''.'
            Shallow    = 'kazoo''s ShallowParty layout: the identifier in the node''s name, so listing the members takes a single call.'
        }
        Examples    = @(
            @{ Code = '$me = Join-ZkParty /parties/workers ''worker on web1''
Get-ZkPartyMember /parties/workers
Exit-ZkParty $me'; Remarks = 'Joins the workers party, lists its members (here only this one) and leaves.' }
            @{ Code = '$me = Join-ZkParty /parties/web -Shallow
$me.Name
Exit-ZkParty $me'; Remarks = 'Joins a ShallowParty under the default identifier (machine:pid) and shows the member''s node name.' }
        )
        Links       = @('Get-ZkPartyMember', 'Exit-ZkParty', 'about_ZooKeeperPS_Recipes', 'about_ZooKeeperPS')
    }

    'Get-ZkPartyMember' = @{
        Synopsis    = 'Lists the members of a party joined by Join-ZkParty or kazoo''s Party or ShallowParty.'
        Description = @(
            'Get-ZkPartyMember lists the party''s members in node name order, each with Identifier, Name and NodePath, as kazoo lists them: in a Party the children whose name contains __party__, each identifier read from its data; with -Shallow every child, the identifier being the part of its name after the first ''-''. A missing party path is created, as kazoo does.'
        )
        Parameters  = @{
            Path    = 'The party''s node.'
            Shallow = 'The party is kazoo''s ShallowParty.'
        }
        Examples    = @(
            @{ Code = '$me = Join-ZkParty /parties/backup ''db1''
(Get-ZkPartyMember /parties/backup).Identifier
$me | Exit-ZkParty'; Remarks = 'Shows the identifiers of the members: ''db1''.' }
            @{ Code = '@(Get-ZkPartyMember /parties/reports).Count'; Remarks = 'Counts the members of a party; 0 on a fresh server.' }
        )
        Links       = @('Join-ZkParty', 'Exit-ZkParty', 'about_ZooKeeperPS_Recipes', 'about_ZooKeeperPS')
    }

    'Exit-ZkParty' = @{
        Synopsis    = 'Leaves a party joined with Join-ZkParty.'
        Description = @(
            'Exit-ZkParty deletes the member''s node, so other members (kazoo''s too) no longer list it. A member that is gone already (it left, or its session ended) is not an error. A member listed by Get-ZkPartyMember can be given too, which removes another member from the party.'
        )
        Parameters  = @{
            Member = 'The member from Join-ZkParty (or Get-ZkPartyMember).'
        }
        Examples    = @(
            @{ Code = '$me = Join-ZkParty /parties/batch ''nightly''
try { Get-ZkPartyMember /parties/batch } finally { Exit-ZkParty $me }'; Remarks = 'Is a member while the work runs, and leaves however it ends.' }
            @{ Code = 'Join-ZkParty /parties/old ''stale''
Get-ZkPartyMember /parties/old | Where-Object Identifier -EQ ''stale'' | Exit-ZkParty'; Remarks = 'Removes the members named ''stale'' from a party, piping them from Get-ZkPartyMember.' }
        )
        Links       = @('Join-ZkParty', 'Get-ZkPartyMember', 'about_ZooKeeperPS_Recipes', 'about_ZooKeeperPS')
    }

    # Recipes: barriers (issue 17)
    'Wait-ZkBarrier' = @{
        Synopsis    = 'Waits until a barrier is removed, as kazoo''s Barrier.wait does.'
        Description = @(
            'A barrier, in kazoo''s Barrier, is a node: it holds waiters back while it exists, and all of them go on once it is deleted. Set one up with New-ZkNode -MakePath (kazoo''s Barrier.create) and take it down with Remove-ZkNode (Barrier.remove); Wait-ZkBarrier waits, with one watch on the node, until it is gone. It returns at once when there is no barrier.'
            '-Timeout gives up waiting with the error ZooKeeper.BarrierTimeout (category OperationTimeout); -Timeout 0 only looks. A lost connection is waited out while the session lives (kazoo''s wait fails then); Ctrl+C stops the wait. A change of the barrier''s data does not release it (kazoo''s wait misses a removal after such a change: change a barrier''s data only while no kazoo program waits on it).'
        )
        Parameters  = @{
            Path    = 'The barrier''s node.'
            Timeout = 'How long to wait: a TimeSpan or a number of seconds; by default for ever.'
        }
        Examples    = @(
            @{ Code = 'Wait-ZkBarrier /barriers/deploy -Timeout 5'; Remarks = 'Goes on at once on a fresh server (there is no barrier); otherwise waits up to five seconds for it to be removed.' }
            @{ Code = '$null = New-ZkNode /barriers/window -MakePath
Wait-ZkBarrier /barriers/window -Timeout 0.5 -ErrorVariable held -ErrorAction SilentlyContinue
"held back: $($held.Count -eq 1)"
Remove-ZkNode /barriers/window'; Remarks = 'Sets up a barrier, sees a waiter held back by it (''held back: True''), and removes it, which releases every waiter.' }
        )
        Links       = @('New-ZkNode', 'Remove-ZkNode', 'Enter-ZkBarrier', 'about_ZooKeeperPS_Recipes', 'about_ZooKeeperPS')
    }

    'Enter-ZkBarrier' = @{
        Synopsis    = 'Enters a double barrier and waits until all its members have entered, as kazoo''s DoubleBarrier.enter.'
        Description = @(
            'A double barrier holds a group of -Count members together at the start and at the end of a task: Enter-ZkBarrier waits until -Count members have entered, Exit-ZkBarrier until all of them have left. Its layout is kazoo''s DoubleBarrier, so kazoo programs and scripts are members of one barrier: each member is an ephemeral child of the barrier path named by a hex GUID, holding its -Identifier; the member that sees -Count members creates the child ready, which releases the others (each one watches for it).'
            'Every member gives the same -Count. -Timeout gives up with the error ZooKeeper.BarrierTimeout and removes the member''s node again. The member goes with its session: a script that dies is out of the barrier once the server drops its session. The returned member is what Exit-ZkBarrier takes.'
        )
        Parameters  = @{
            Path       = 'The barrier''s node; a missing one is created with its parents, as kazoo does.'
            Count      = 'How many members must enter before any of them goes on (kazoo''s num_clients).'
            Identifier = 'The member node''s data; by default machine-pid, as in kazoo.'
            Timeout    = 'How long to wait for the other members: a TimeSpan or a number of seconds; by default for ever.'
        }
        Examples    = @(
            @{ Code = '$member = Enter-ZkBarrier /barriers/solo 1
Exit-ZkBarrier $member'; Remarks = 'A barrier of one member: enters and leaves at once.' }
            @{ Code = 'Enter-ZkBarrier /barriers/batch 3 -Timeout 1 -ErrorAction SilentlyContinue -ErrorVariable late
"entered: $($late.Count -eq 0)"'; Remarks = 'Waits a second for two other members; alone on a fresh server it gives up (''entered: False'') and leaves no node behind.' }
        )
        Links       = @('Exit-ZkBarrier', 'Wait-ZkBarrier', 'about_ZooKeeperPS_Recipes', 'about_ZooKeeperPS')
    }

    'Exit-ZkBarrier' = @{
        Synopsis    = 'Leaves a double barrier entered with Enter-ZkBarrier and waits until all members have left.'
        Description = @(
            'Exit-ZkBarrier deletes the ready node and waits, as kazoo''s DoubleBarrier.leave does, until every member has left: the member with the lowest node name waits for the highest to go, every other member deletes its own node and waits for the lowest. -Timeout gives up with the error ZooKeeper.BarrierTimeout (the member may have left by then; the others may still be in).'
        )
        Parameters  = @{
            Member  = 'The member from Enter-ZkBarrier.'
            Timeout = 'How long to wait for the other members to leave: a TimeSpan or a number of seconds; by default for ever.'
        }
        Examples    = @(
            @{ Code = '$member = Enter-ZkBarrier /barriers/run 1 -Identifier ''web1''
try { ''working'' } finally { Exit-ZkBarrier $member }'; Remarks = 'Runs the work between entering and leaving, and leaves however it ends.' }
            @{ Code = 'Enter-ZkBarrier /barriers/pipe 1 | Exit-ZkBarrier -Timeout 10'; Remarks = 'Pipes the member to Exit-ZkBarrier, waiting up to ten seconds for the others to leave.' }
        )
        Links       = @('Enter-ZkBarrier', 'Wait-ZkBarrier', 'about_ZooKeeperPS_Recipes', 'about_ZooKeeperPS')
    }
}
