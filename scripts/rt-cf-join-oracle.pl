#!/usr/bin/perl
# Oracle for tests/oracle_cf_values.rs: runs RT's own code that prints ticket
# custom fields in REST 1.0 responses, from an installed request-tracker
# package, on generated value lists, and prints what RT would send.
#
# Nothing of RT is copied here. At start-up the script reads the installed
# Mason component REST/1.0/Forms/ticket/default, takes the block that renders
# custom fields (from the line "# Display custom fields" up to, not including,
# "my %k = map {@$_} @data;"), and compiles it as a sub over stand-in objects:
# a ticket whose CustomFields and CustomFieldValues iterate over the generated
# fields and values, custom fields with Name, Id and SingleValue, values with
# Content. The rows it pushes are then laid out by RT::Interface::REST's
# form_compose, and wrapped as REST/1.0/dhandler sends a body (status line,
# empty line, forms, one LF).
#
# Usage: perl -I<share>/lib scripts/rt-cf-join-oracle.pl <share>
#        (<share> = /usr/share/request-tracker5 or /usr/share/request-tracker4)
#
# Input (stdin), per case:  T <number of fields>\n, then per field
#   F <single 0|1> <number of values> <name length>\n<name>\n, then per value
#   V <length>\n<UTF-8 bytes>\n.
# Output (stdout): first "RT <version>\n"; per case the field values RT put in
#   its rows, J <length>\n<text>\n per field, then B <length>\n<body>\n.
# Lengths count bytes of the UTF-8 encoding.
use strict;
use warnings;
use Encode qw(decode encode);
use RT::Interface::REST;

my $share = shift or die "usage: $0 <request-tracker share dir>\n";
my $component = "$share/html/REST/1.0/Forms/ticket/default";
open my $fh, '<:raw', $component or die "$component: $!\n";
my $source = decode('UTF-8', do { local $/; <$fh> });
close $fh;
my ($block) = $source =~ /^([ \t]*# Display custom fields\n.*?)^[ \t]*my %k = map \{\@\$_\} \@data;/ms
    or die "$component: the custom-field block was not found\n";
my $render = eval "sub { my (\$ticket, \$fields) = \@_; my \@data;\n$block\nreturn \\\@data; }"
    or die "$component: the custom-field block does not compile: $@";

# The version RT prints in its status line (RT::Generated sets $RT::VERSION).
require RT::Generated;
my $version = $RT::VERSION;

package Oracle::Iter;
sub new { my ($class, @items) = @_; bless [@items], $class }
sub Next { shift @{ $_[0] } }

package Oracle::Value;
sub Content { $_[0]{content} }

package Oracle::Field;
sub Name { $_[0]{name} }
sub Id { $_[0]{id} }
sub SingleValue { $_[0]{single} }

package Oracle::Ticket;
sub CustomFields { Oracle::Iter->new(@{ $_[0]{fields} }) }
sub CustomFieldValues {
    my ($self, $id) = @_;
    Oracle::Iter->new(map { bless { content => $_ }, 'Oracle::Value' } @{ $self->{values}{$id} });
}

package main;

binmode STDIN;
binmode STDOUT;

sub take {
    my ($len) = @_;
    my $bytes = '';
    while (length($bytes) < $len) {
        my $n = read(STDIN, $bytes, $len - length($bytes), length($bytes));
        die "short input\n" unless $n;
    }
    my $nl = '';
    read(STDIN, $nl, 1) == 1 && $nl eq "\n" or die "missing LF after payload\n";
    return decode('UTF-8', $bytes);
}

sub out {
    my ($tag, $s) = @_;
    my $b = encode('UTF-8', $s);
    print "$tag ", length($b), "\n", $b, "\n";
}

print "RT $version\n";
while (defined(my $line = <STDIN>)) {
    my ($n) = $line =~ /^T (\d+)$/ or die "bad case line: $line";
    my $ticket = bless { fields => [], values => {} }, 'Oracle::Ticket';
    for my $id (1 .. $n) {
        my ($single, $count, $len) = <STDIN> =~ /^F ([01]) (\d+) (\d+)$/ or die "bad field line\n";
        my $name = take($len);
        push @{ $ticket->{fields} }, bless { name => $name, id => $id, single => $single }, 'Oracle::Field';
        $ticket->{values}{$id} = [
            map {
                my ($l) = <STDIN> =~ /^V (\d+)$/ or die "bad value line\n";
                take($l);
            } 1 .. $count
        ];
    }
    my $rows = $render->($ticket, {});
    my @data = ([ id => 'ticket/1' ], @$rows);
    out('J', $_->[1]) for @$rows;
    my %k = map { @$_ } @data;
    my $forms = RT::Interface::REST::form_compose([ [ '', [ map { $_->[0] } @data ], \%k ] ]);
    out('B', "RT/$version 200 Ok\n\n$forms\n");
}
